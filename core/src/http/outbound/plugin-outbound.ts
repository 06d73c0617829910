import { safeFetch, type SafeFetchOptions, type SafeResponse } from './safe-fetch.ts'
import { parseOutboundUrl } from './redirects.ts'
import { systemResolver, vetHost } from './vet-host.ts'

/** Outbound HTTP for plugins, with the operator's address policy (`outboundAllowPrivate`) applied. */
export interface PluginOutbound {
  /** Whether the operator allows private, loopback and link-local targets. */
  readonly allowPrivate: boolean
  /** {@link safeFetch} with the operator's policy. */
  fetch(url: string | URL, options?: Omit<SafeFetchOptions, 'allowPrivate' | 'allowCidrs'>): Promise<SafeResponse>
  /**
   * Checks a URL a user gives now (scheme, then the host's addresses after DNS); throws
   * OutboundError (`OUTBOUND_URL_INVALID`, `OUTBOUND_ADDRESS_REFUSED`, `OUTBOUND_DNS_FAILED`).
   * `fetch` checks again at request time, so a host that changes its DNS later is still refused.
   */
  check(url: string): Promise<URL>
}

export function createPluginOutbound(allowPrivate: boolean): PluginOutbound {
  return {
    allowPrivate,
    fetch: (url, options = {}) => safeFetch(url, { ...options, allowPrivate }),
    async check(input) {
      const url = parseOutboundUrl(input)
      await vetHost(url, { allowPrivate, allowCidrs: [] }, systemResolver)
      return url
    },
  }
}
