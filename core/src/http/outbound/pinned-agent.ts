import type { LookupFunction } from 'node:net'
import { Agent } from 'undici'
import type { ResolvedAddress } from './vet-host.ts'

/**
 * An undici Agent whose sockets connect only to addresses that were already checked: its DNS
 * lookup answers from that list instead of asking DNS again, so a host cannot pass the check with
 * a public address and then be connected to a private one (DNS rebinding). One agent serves one
 * request to one host; the URL's host name still goes out as Host header and TLS server name.
 */
export function pinnedAgent(hostname: string, addresses: ResolvedAddress[], timeoutMs: number, connections = 1): Agent {
  const lookup: LookupFunction = (host, options, callback) => {
    const first = addresses[0]
    if (host !== hostname || !first) {
      callback(Object.assign(new Error(`refusing to resolve ${host}: this connection is pinned to ${hostname}`), { code: 'ENOTFOUND' }), '', 4)
      return
    }
    if (options.all) callback(null, addresses.map(({ address, family }) => ({ address, family })))
    else callback(null, first.address, first.family)
  }
  return new Agent({
    connect: { lookup, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connections,
    pipelining: 1,
  })
}
