import { describe, expect, it } from 'vitest'
import { checkAddress } from './address-policy.ts'

const strict = { allowPrivate: false }

describe('checkAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:7f00:1', 'loopback'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['::7f00:1', 'reserved'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, range) => {
    expect(checkAddress(address, strict)).toMatchObject({ allowed: false, range })
  })

  it('checks an IPv4-mapped IPv6 address as the IPv4 address it maps', () => {
    expect(checkAddress('::ffff:127.0.0.1', strict).address).toBe('127.0.0.1')
    expect(checkAddress('::ffff:8.8.8.8', strict)).toEqual({ allowed: true, address: '8.8.8.8', range: 'unicast' })
  })

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2001:4860:4860::8888', '[2a00:1450:4001:80b::200e]'])('allows the public address %s', (address) => {
    expect(checkAddress(address, strict)).toMatchObject({ allowed: true, range: 'unicast' })
  })

  it('refuses what is not an IP address', () => {
    expect(checkAddress('localhost', strict)).toMatchObject({ allowed: false, range: 'invalid' })
    expect(checkAddress('', strict).allowed).toBe(false)
  })

  it('allows everything when the operator allows private addresses', () => {
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', '169.254.169.254', 'fc00::1']) {
      expect(checkAddress(address, { allowPrivate: true }).allowed).toBe(true)
    }
  })

  it('allows only the listed ranges on top of public addresses', () => {
    const policy = { allowPrivate: false, allowCidrs: ['10.1.2.0/24', 'fd00::/64', 'not a cidr'] }
    expect(checkAddress('10.1.2.7', policy).allowed).toBe(true)
    expect(checkAddress('::ffff:10.1.2.7', policy).allowed).toBe(true)
    expect(checkAddress('10.1.3.7', policy).allowed).toBe(false)
    expect(checkAddress('fd00::5', policy).allowed).toBe(true)
    expect(checkAddress('fd00:0:0:1::5', policy).allowed).toBe(false)
    expect(checkAddress('127.0.0.1', policy).allowed).toBe(false)
    expect(checkAddress('127.0.0.1', { allowPrivate: false, allowCidrs: ['::ffff:127.0.0.0/104'] }).allowed).toBe(true)
  })
})
