import { Counter, Gauge, type Registry } from 'prom-client'
import type { EventBus } from '../bus/event-bus.ts'
import { messageAck, messageReceived, messageSent, sessionDeleted } from '../bus/core-events.ts'
import type { SessionManager } from '../sessions/session-manager.ts'

const statuses = ['starting', 'qr', 'authenticated', 'ready', 'disconnected', 'failed', 'stopped'] as const

/**
 * Per-session Prometheus metrics. Counters follow bus events; gauges are read from the session
 * manager when scraped, so nothing extra runs on the message path.
 */
export function registerSessionMetrics(registry: Registry, bus: EventBus, manager: () => SessionManager | undefined): void {
  const messages = new Counter({
    name: 'waqtor_session_messages_total',
    help: 'Messages stored per session and direction (in, out) and failed sends (failed)',
    labelNames: ['session', 'direction'] as const,
    registers: [registry],
  })
  new Gauge({
    name: 'waqtor_session_status',
    help: '1 for the current status of each session, 0 for the others',
    labelNames: ['session', 'status'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const runtime of manager()?.runtimes() ?? []) {
        for (const status of statuses) this.set({ session: runtime.clientId, status }, runtime.status === status ? 1 : 0)
      }
    },
  })
  new Gauge({
    name: 'waqtor_session_reconnects',
    help: 'Reconnects of each session since it was started',
    labelNames: ['session'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const runtime of manager()?.runtimes() ?? []) this.set({ session: runtime.clientId }, runtime.reconnects)
    },
  })
  new Gauge({
    name: 'waqtor_session_browser_memory_bytes',
    help: 'Memory of the browser behind each whatsapp-web session: rss (shared pages counted per process) and pss (counted once)',
    labelNames: ['session', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      for (const runtime of manager()?.runtimes() ?? []) {
        const usage = await runtime.driver?.resourceUsage().catch(() => null)
        if (!usage) continue
        this.set({ session: runtime.clientId, kind: 'rss' }, usage.rssBytes)
        if (usage.pssBytes !== null) this.set({ session: runtime.clientId, kind: 'pss' }, usage.pssBytes)
      }
    },
  })

  bus.on(messageReceived, ({ sessionId }) => messages.inc({ session: sessionId, direction: 'in' }), { id: 'core.metrics.received', owner: 'core' })
  bus.on(messageSent, ({ sessionId }) => messages.inc({ session: sessionId, direction: 'out' }), { id: 'core.metrics.sent', owner: 'core' })
  bus.on(messageAck, ({ sessionId, ack }) => (ack === -1 ? messages.inc({ session: sessionId, direction: 'failed' }) : undefined), { id: 'core.metrics.failed', owner: 'core' })
  bus.on(sessionDeleted, ({ sessionId }) => {
    for (const direction of ['in', 'out', 'failed']) messages.remove({ session: sessionId, direction })
  }, { id: 'core.metrics.deleted', owner: 'core' })
}
