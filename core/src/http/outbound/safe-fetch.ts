import { errors as undiciErrors, request, type Dispatcher } from 'undici'
import type { AddressPolicy } from './address-policy.ts'
import { OutboundError } from './outbound-error.ts'
import { pinnedAgent } from './pinned-agent.ts'
import type { PinnedAgentPool } from './pinned-agent-pool.ts'
import { nextRedirect, parseOutboundUrl, type RequestStep } from './redirects.ts'
import { discardBody, readCappedBody, toHeaders } from './response-body.ts'
import { bareHostname, systemResolver, vetHost, type HostResolver } from './vet-host.ts'

export interface SafeFetchOptions {
  /** GET unless given. */
  method?: Dispatcher.HttpMethod
  headers?: Record<string, string>
  body?: string | Uint8Array
  /** For the whole exchange, redirects and body included: 10 s unless given. */
  timeoutMs?: number
  /** Largest response body accepted: 16 MiB unless given. */
  maxBytes?: number
  /** Allow private, loopback and other non-public addresses (the operator's choice). */
  allowPrivate?: boolean
  /** Non-public ranges allowed anyway, in CIDR notation. */
  allowCidrs?: readonly string[]
  /** Redirects followed, each one checked like the first request: 3 unless given. One more is an error (OUTBOUND_TOO_MANY_REDIRECTS). */
  maxRedirects?: number
  /** Cancels the request (its reason is thrown as is). */
  signal?: AbortSignal
  /** Host name resolution; the system resolver unless given (tests use their own). */
  resolver?: HostResolver
  /** Reuse keep-alive connections (to the same checked addresses only) instead of one agent per request. */
  agents?: PinnedAgentPool
}

export interface SafeResponse {
  status: number
  headers: Headers
  body: Buffer
  /** The URL that answered, after redirects. */
  url: string
  redirects: number
}

/**
 * HTTP(S) made on a user's behalf (media URLs, webhooks), safe against SSRF: only http and https;
 * the host is resolved first and refused when any of its addresses is private, loopback,
 * link-local, unique-local, multicast, unspecified or carrier-grade NAT (IPv4 and IPv6, IPv4-mapped
 * included) unless allowed; the socket connects to the checked address only (no DNS rebinding);
 * each redirect is checked again; one deadline covers everything; the body is capped while it
 * streams. Any HTTP status is a response, not an error: failures throw {@link OutboundError}.
 */
export async function safeFetch(input: string | URL, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024
  const maxRedirects = options.maxRedirects ?? 3
  const policy: AddressPolicy = { allowPrivate: options.allowPrivate ?? false, allowCidrs: options.allowCidrs ?? [] }
  const deadline = AbortSignal.timeout(timeoutMs)
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline
  let step: RequestStep = {
    url: parseOutboundUrl(input),
    method: options.method ?? 'GET',
    headers: withDefaultUserAgent(options.headers ?? {}),
    body: options.body,
  }
  for (let redirects = 0; ; redirects++) {
    try {
      const addresses = await untilAborted(vetHost(step.url, policy, options.resolver ?? systemResolver), signal)
      const pooled = options.agents?.get(bareHostname(step.url), addresses)
      const agent = pooled ?? pinnedAgent(bareHostname(step.url), addresses, timeoutMs)
      try {
        const response = await request(step.url, { dispatcher: agent, method: step.method, headers: step.headers, body: step.body, signal })
        const next = nextRedirect(step, response.statusCode, response.headers)
        if (!next) {
          const body = await readCappedBody(response.body, response.headers, maxBytes, step.url.href)
          return { status: response.statusCode, headers: toHeaders(response.headers), body, url: step.url.href, redirects }
        }
        discardBody(response.body)
        if (redirects >= maxRedirects) throw new OutboundError('OUTBOUND_TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects`, step.url.href)
        step = next
      } finally {
        if (!pooled) void agent.destroy().catch(() => undefined)
      }
    } catch (error) {
      throw translate(error, step.url.href, deadline, options.signal)
    }
  }
}

function withDefaultUserAgent(headers: Record<string, string>): Record<string, string> {
  return Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent') ? { ...headers } : { 'user-agent': 'WaQtor', ...headers }
}

/** Settles with the promise, or rejects as soon as the signal aborts (DNS lookups cannot be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

function translate(error: unknown, url: string, deadline: AbortSignal, callerSignal: AbortSignal | undefined): unknown {
  if (error instanceof OutboundError) return error
  if (callerSignal?.aborted && !deadline.aborted) return callerSignal.reason
  const timedOut =
    deadline.aborted ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError
  if (timedOut) return new OutboundError('OUTBOUND_TIMEOUT', 'no complete answer in time', url, { cause: error })
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
  return new OutboundError('OUTBOUND_NETWORK_ERROR', `the request failed (${reason})`, url, { cause: error })
}
