import { OutboundError, type PluginOutbound } from '@waqtor/core'
import type { WebhooksConfig } from '../config.ts'
import type { Delivery } from '../entities/delivery.ts'
import { backoffMs, retryAfterMs } from './backoff.ts'
import type { AttemptResult } from './delivery-store.ts'
import { signatureHeader } from './signature.ts'
import { signingSecrets, type SubscriptionRecord } from './subscription-record.ts'

const maxStoredBody = 1024
/** Refused before any byte is sent, or never going to work: retrying cannot help. */
const permanentOutboundCodes = new Set(['OUTBOUND_URL_INVALID', 'OUTBOUND_ADDRESS_REFUSED', 'OUTBOUND_TOO_MANY_REDIRECTS'])

export interface AttemptDeps {
  outbound: PluginOutbound
  config: WebhooksConfig
  /** Aborts attempts when the plugin stops. */
  signal: AbortSignal
}

/** One HTTP attempt of a claimed delivery, classified into delivered, retry (pending) or failed. */
export async function attemptDelivery(deps: AttemptDeps, subscription: SubscriptionRecord, delivery: Delivery): Promise<AttemptResult> {
  const started = Date.now()
  const headers: Record<string, string> = {
    ...subscription.headers,
    'content-type': 'application/json',
    'x-waqtor-event': delivery.event,
    'x-waqtor-delivery': delivery.id,
    'x-waqtor-attempt': String(delivery.attempts),
    'x-waqtor-signature': signatureHeader(signingSecrets(subscription, started), delivery.payload, started),
  }
  try {
    const response = await deps.outbound.fetch(subscription.url, {
      method: 'POST',
      headers,
      body: delivery.payload,
      timeoutMs: deps.config.timeoutMs,
      maxBytes: 1024 * 1024,
      maxRedirects: 0,
      signal: deps.signal,
    })
    const finished = Date.now()
    const answer = { responseStatus: response.status, responseBody: truncate(response.body.toString('utf8')), latencyMs: finished - started }
    if (response.status >= 200 && response.status < 300) return { status: 'delivered', ...answer, error: null, completedAt: finished }
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408
    const error = `HTTP ${response.status}`
    if (!retryable) return { status: 'failed', ...answer, error, completedAt: finished }
    const floor = Math.min(retryAfterMs(response.headers.get('retry-after'), finished) ?? 0, deps.config.maxRetryAfterMs)
    return retryOrFail(deps.config, delivery, { ...answer, error }, finished, floor)
  } catch (error) {
    if (deps.signal.aborted) throw error
    const finished = Date.now()
    const outcome = { responseStatus: null, responseBody: null, latencyMs: finished - started, error: describe(error) }
    if (error instanceof OutboundError && permanentOutboundCodes.has(error.code)) return { status: 'failed', ...outcome, completedAt: finished }
    return retryOrFail(deps.config, delivery, outcome, finished, 0)
  }
}

function retryOrFail(
  config: WebhooksConfig,
  delivery: Delivery,
  outcome: Pick<AttemptResult, 'responseStatus' | 'responseBody' | 'latencyMs' | 'error'>,
  nowMs: number,
  floorMs: number,
): AttemptResult {
  if (delivery.attempts >= config.maxAttempts) return { status: 'failed', ...outcome, completedAt: nowMs }
  const wait = Math.max(floorMs, backoffMs(delivery.attempts, config.retryBaseMs, config.retryMaxMs))
  return { status: 'pending', ...outcome, nextAttemptAt: nowMs + wait, completedAt: null }
}

function truncate(text: string): string {
  const bytes = Buffer.from(text, 'utf8')
  return bytes.length <= maxStoredBody ? text : bytes.subarray(0, maxStoredBody).toString('utf8')
}

function describe(error: unknown): string {
  const message = error instanceof OutboundError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)
  return message.slice(0, 500)
}
