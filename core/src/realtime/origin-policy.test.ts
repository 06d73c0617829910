import { describe, expect, it } from 'vitest'
import { isOriginAllowed } from './origin-policy.ts'

describe('isOriginAllowed', () => {
  it('allows clients that send no Origin (servers, SDKs) and the same origin, default ports included', () => {
    expect(isOriginAllowed({ host: 'waqtor.example:8080' }, [], false)).toBe(true)
    expect(isOriginAllowed({ host: 'waqtor.example:8080', origin: 'http://waqtor.example:8080' }, [], false)).toBe(true)
    expect(isOriginAllowed({ host: 'waqtor.example', origin: 'https://waqtor.example' }, [], false)).toBe(true)
    expect(isOriginAllowed({ host: 'waqtor.example:443', origin: 'https://waqtor.example' }, [], false)).toBe(true)
  })

  it('refuses other origins, "null" and a different port', () => {
    expect(isOriginAllowed({ host: 'waqtor.example', origin: 'https://evil.example' }, [], false)).toBe(false)
    expect(isOriginAllowed({ host: 'waqtor.example', origin: 'null' }, [], false)).toBe(false)
    expect(isOriginAllowed({ host: 'waqtor.example:8080', origin: 'http://waqtor.example:9090' }, [], false)).toBe(false)
  })

  it('trusts X-Forwarded-Host only behind a trusted proxy', () => {
    const headers = { host: '127.0.0.1:8080', 'x-forwarded-host': 'panel.example', origin: 'https://panel.example' }
    expect(isOriginAllowed(headers, [], true)).toBe(true)
    expect(isOriginAllowed(headers, [], false)).toBe(false)
  })

  it('uses the allowlist instead of same-origin when one is set', () => {
    const allowlist = ['https://panel.example', 'http://localhost:5173']
    expect(isOriginAllowed({ host: 'api.example', origin: 'https://panel.example' }, allowlist, false)).toBe(true)
    expect(isOriginAllowed({ host: 'api.example', origin: 'http://localhost:5173' }, allowlist, false)).toBe(true)
    expect(isOriginAllowed({ host: 'api.example', origin: 'https://api.example' }, allowlist, false)).toBe(false)
    expect(isOriginAllowed({ host: 'api.example', origin: 'https://anything.example' }, ['*'], false)).toBe(true)
  })
})
