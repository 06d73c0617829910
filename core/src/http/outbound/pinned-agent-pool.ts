import type { Agent } from 'undici'
import { pinnedAgent } from './pinned-agent.ts'
import type { ResolvedAddress } from './vet-host.ts'

/**
 * Keep-alive for repeated requests to the same hosts (webhooks): one pinned agent per host name
 * and exact set of checked addresses. safeFetch still resolves and checks the host before every
 * request and only reuses an agent pinned to the very addresses that passed, so reuse never lets a
 * connection reach an address that was not checked.
 */
export class PinnedAgentPool {
  private readonly agents = new Map<string, Agent>()

  constructor(private readonly options: { timeoutMs: number; connectionsPerHost: number; maxHosts?: number }) {}

  get(hostname: string, addresses: readonly ResolvedAddress[]): Agent {
    const key = `${hostname}|${addresses.map(({ address }) => address).sort().join(',')}`
    let agent = this.agents.get(key)
    if (!agent) {
      if (this.agents.size >= (this.options.maxHosts ?? 1000)) void this.close()
      agent = pinnedAgent(hostname, [...addresses], this.options.timeoutMs, this.options.connectionsPerHost)
      this.agents.set(key, agent)
    }
    return agent
  }

  async close(): Promise<void> {
    const agents = [...this.agents.values()]
    this.agents.clear()
    await Promise.allSettled(agents.map((agent) => agent.close()))
  }
}
