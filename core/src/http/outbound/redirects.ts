import type { IncomingHttpHeaders } from 'node:http'
import type { Dispatcher } from 'undici'
import { OutboundError } from './outbound-error.ts'

const redirectStatuses = new Set([301, 302, 303, 307, 308])
/** Headers that carry the caller's credentials: not handed to another origin. */
const credentialHeaders = ['authorization', 'cookie', 'proxy-authorization']
const bodyHeaders = ['content-type', 'content-length', 'content-encoding', 'transfer-encoding']

export interface RequestStep {
  url: URL
  method: Dispatcher.HttpMethod
  headers: Record<string, string>
  body: string | Uint8Array | undefined
}

/** Parses the URL a caller gave: absolute, http or https, nothing else. */
export function parseOutboundUrl(input: string | URL): URL {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new OutboundError('OUTBOUND_URL_INVALID', 'not an absolute URL', String(input))
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('OUTBOUND_URL_INVALID', `only http and https URLs are allowed, not ${url.protocol.replace(/:$/, '')}`, url.href)
  }
  return url
}

/**
 * The next request when a response redirects, or undefined when it does not. Follows the fetch
 * standard: 303 (and 301/302 after POST) become GET without a body; credentials are dropped when
 * the redirect leaves the origin.
 */
export function nextRedirect(step: RequestStep, status: number, headers: IncomingHttpHeaders): RequestStep | undefined {
  const location = headers.location
  if (!redirectStatuses.has(status) || typeof location !== 'string' || location === '') return undefined
  let target: URL
  try {
    target = new URL(location, step.url)
  } catch {
    throw new OutboundError('OUTBOUND_URL_INVALID', `redirected to an invalid URL (${location})`, step.url.href)
  }
  const url = parseOutboundUrl(target)
  const headersOut = { ...step.headers }
  const drop = (names: string[]) => {
    for (const name of Object.keys(headersOut)) if (names.includes(name.toLowerCase())) delete headersOut[name]
  }
  if (url.origin !== step.url.origin) drop(credentialHeaders)
  const toGet = status === 303 ? step.method !== 'HEAD' : (status === 301 || status === 302) && step.method === 'POST'
  if (toGet) drop(bodyHeaders)
  return { url, method: toGet ? 'GET' : step.method, headers: headersOut, body: toGet ? undefined : step.body }
}
