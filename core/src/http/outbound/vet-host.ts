import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { checkAddress, type AddressPolicy } from './address-policy.ts'
import { OutboundError } from './outbound-error.ts'

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** Resolves a host name to every address it has (the system resolver by default, /etc/hosts included). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>

export const systemResolver: HostResolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true })
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }))
}

/** The URL's host without IPv6 brackets. */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
}

/**
 * Resolves the URL's host and checks every address against the policy. A host with any forbidden
 * address is refused as a whole: the caller then connects only to the addresses returned here.
 */
export async function vetHost(url: URL, policy: AddressPolicy, resolve: HostResolver): Promise<ResolvedAddress[]> {
  const hostname = bareHostname(url)
  const literal = isIP(hostname)
  let addresses: ResolvedAddress[]
  if (literal) addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }]
  else {
    try {
      addresses = await resolve(hostname)
    } catch (error) {
      throw new OutboundError('OUTBOUND_DNS_FAILED', `${hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`, url.href, { cause: error })
    }
    if (addresses.length === 0) throw new OutboundError('OUTBOUND_DNS_FAILED', `${hostname} has no address`, url.href)
  }
  for (const { address } of addresses) {
    const verdict = checkAddress(address, policy)
    if (verdict.allowed) continue
    const via = literal ? '' : ` resolves to ${verdict.address}, which`
    throw new OutboundError('OUTBOUND_ADDRESS_REFUSED', `${hostname}${via} is a ${verdict.range} address; outbound requests may only reach public addresses`, url.href)
  }
  return addresses
}
