import { PinnedAgentPool } from './pinned-agent-pool.ts'
import { safeFetch, type SafeFetchOptions, type SafeResponse } from './safe-fetch.ts'
import { parseOutboundUrl } from './redirects.ts'
import { systemResolver, vetHost } from './vet-host.ts'

/** Outbound HTTP for plugins, with the operator's address policy (`outboundAllowPrivate`) applied. */
export interface PluginOutbound {
  /** Whether the operator allows private, loopback and link-local targets. */
  readonly allowPrivate: boolean
  /** {@link safeFetch} with the operator's policy, reusing keep-alive connections to checked addresses. */
  fetch(url: string | URL, options?: Omit<SafeFetchOptions, 'allowPrivate' | 'allowCidrs' | 'agents'>): Promise<SafeResponse>
  /**
   * Checks a URL a user gives now (scheme, then the host's addresses after DNS); throws
   * OutboundError (`OUTBOUND_URL_INVALID`, `OUTBOUND_ADDRESS_REFUSED`, `OUTBOUND_DNS_FAILED`).
   * `fetch` checks again at request time, so a host that changes its DNS later is still refused.
   */
  check(url: string): Promise<URL>
}

/** `onDispose` closes the plugin's keep-alive connections when it stops. */
export function createPluginOutbound(allowPrivate: boolean, onDispose: (dispose: () => Promise<void>) => void): PluginOutbound {
  // Each request still has its own deadline (safeFetch's signal); these are only upper bounds.
  const agents = new PinnedAgentPool({ timeoutMs: 120_000, connectionsPerHost: 64 })
  onDispose(() => agents.close())
  return {
    allowPrivate,
    fetch: (url, options = {}) => safeFetch(url, { ...options, allowPrivate, agents }),
    async check(input) {
      const url = parseOutboundUrl(input)
      await vetHost(url, { allowPrivate, allowCidrs: [] }, systemResolver)
      return url
    },
  }
}
