import ipaddr from 'ipaddr.js'

/** What an outbound request may connect to. */
export interface AddressPolicy {
  /** Allow every address, private and loopback included (the operator's `WAQTOR_OUTBOUND_ALLOW_PRIVATE`). */
  allowPrivate: boolean
  /** Ranges allowed on top of public addresses, in CIDR notation (`10.1.2.0/24`, `fd00::/64`). */
  allowCidrs?: readonly string[]
}

export interface AddressVerdict {
  allowed: boolean
  /** The address as checked: an IPv4-mapped IPv6 address is checked as the IPv4 address it maps. */
  address: string
  /** ipaddr.js's range name: `unicast` for a public address, else `loopback`, `private`, `linkLocal`, ... */
  range: string
}

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6

// Only 2000::/3 is handed out as global unicast today; anything else (IPv4-compatible ::a.b.c.d, discard, ...) is refused.
const globalUnicastV6 = ipaddr.parseCIDR('2000::/3')

/**
 * Classifies an IP address for outbound requests. Public unicast addresses are allowed; private,
 * loopback, link-local, unique-local, multicast, unspecified, broadcast, carrier-grade NAT,
 * documentation/benchmark/reserved ranges and IPv6 transition ranges that can embed an IPv4 address
 * (NAT64, 6to4, Teredo) are refused unless the policy allows them.
 */
export function checkAddress(address: string, policy: AddressPolicy): AddressVerdict {
  const parsed = parseAddress(address)
  if (!parsed) return { allowed: false, address, range: 'invalid' }
  const range = rangeOf(parsed)
  const shown = parsed.toString()
  if (policy.allowPrivate || range === 'unicast') return { allowed: true, address: shown, range }
  const allowed = (policy.allowCidrs ?? []).some((cidr) => inCidr(parsed, cidr))
  return { allowed, address: shown, range }
}

function parseAddress(address: string): IpAddress | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  if (!ipaddr.isValid(bare)) return undefined
  // process() turns ::ffff:127.0.0.1 into 127.0.0.1 so the IPv4 rules apply to it.
  return ipaddr.process(bare)
}

function rangeOf(address: IpAddress): string {
  const range = address.range()
  if (address.kind() === 'ipv6' && range === 'unicast' && !address.match(globalUnicastV6)) return 'reserved'
  return range
}

function inCidr(address: IpAddress, cidr: string): boolean {
  if (!ipaddr.isValidCIDR(cidr)) return false
  const [network, bits] = ipaddr.parseCIDR(cidr)
  // An IPv4 address also matches an IPv6 range written for its mapped form (::ffff:10.0.0.0/104).
  const candidate = network.kind() === 'ipv6' && address instanceof ipaddr.IPv4 ? address.toIPv4MappedAddress() : address
  return candidate.kind() === network.kind() && candidate.match(network, bits)
}
