import { messageAck, messageReceived, messageSent, type EventBus } from '@waqtor/core'
import type { TestKernel } from '@waqtor/core/testing'
import { benchBody, eventKey, preciseNow } from './bench-protocol.ts'

export interface TrafficPlan {
  sessions: string[]
  /** Phone number of each session, to message each other. */
  phones: Map<string, string>
  rounds: number
  intervalMs: number
}

const messageEvents = new Set([messageSent.name, messageReceived.name, messageAck.name])

/**
 * Every `intervalMs`, each session sends one text to the next session over the HTTP API; resolves
 * once every message was received and read, with the `messages` events the bus carried per session
 * and when each was emitted (this handler runs in the same dispatch as the realtime forwarder).
 */
export async function exchangeMessages(harness: TestKernel, plan: TrafficPlan): Promise<{ perSession: Record<string, number>; emittedAt: Record<string, number> }> {
  const perSession: Record<string, number> = Object.fromEntries(plan.sessions.map((session) => [session, 0]))
  const emittedAt: Record<string, number> = {}
  let received = 0
  let read = 0
  const stop = countMessageEvents(harness.kernel.bus, (name, payload) => {
    emittedAt[eventKey(name, payload)] = preciseNow()
    perSession[payload.sessionId] = (perSession[payload.sessionId] ?? 0) + 1
    if (name === messageReceived.name) received++
    if (name === messageAck.name && payload.ack === 3) read++
  })
  let sequence = 0
  const sends: Array<Promise<void>> = []
  // Sends are spread evenly over each round, as independent sessions would send, not in bursts.
  const gapMs = plan.intervalMs / plan.sessions.length
  const started = Date.now()
  for (let round = 0; round < plan.rounds; round++) {
    for (const [index, session] of plan.sessions.entries()) {
      const to = plan.phones.get(plan.sessions[(index + 1) % plan.sessions.length] ?? '') ?? ''
      sends.push(sendText(harness, session, to, benchBody(preciseNow(), ++sequence)))
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + sequence * gapMs - Date.now())))
    }
  }
  await Promise.all(sends)
  const deadline = Date.now() + 60_000
  while ((received < sequence || read < sequence) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  await harness.kernel.bus.idle()
  stop()
  if (received < sequence || read < sequence) throw new Error(`only ${received} of ${sequence} messages were received and ${read} read`)
  return { perSession, emittedAt }
}

async function sendText(harness: TestKernel, session: string, to: string, text: string): Promise<void> {
  const response = await harness.request('POST', `/api/messages/send-text?clientId=${session}`, { body: { to, text } })
  if (response.status !== 201) throw new Error(`sending from ${session} failed: ${response.status} ${JSON.stringify(response.body)}`)
}

function countMessageEvents(bus: EventBus, count: (name: string, payload: { sessionId: string; ack?: number }) => void): () => void {
  return bus.onAny(
    (name, payload) => count(name, payload as { sessionId: string; ack?: number }),
    { id: 'bench.realtime.count', accepts: (name) => messageEvents.has(name) },
  )
}
