import type { IncomingHttpHeaders } from 'node:http'

/**
 * Whether a handshake may come from its `Origin`. Browsers always send one, so this is what stops
 * another site's page from opening a socket with a visitor's credentials. Requests without an
 * Origin (Node SDKs, servers, curl) are not browsers and are allowed. With no allowlist, only the
 * same origin is: the Origin's host must be the Host the request was sent to.
 */
export function isOriginAllowed(headers: IncomingHttpHeaders, allowlist: readonly string[], trustProxy: boolean): boolean {
  const origin = headers.origin
  if (origin === undefined) return true
  if (allowlist.length > 0) return allowlist.includes('*') || allowlist.some((allowed) => sameOrigin(allowed, origin))
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false // "null" (sandboxed frames, file://) or garbage
  }
  const forwarded = trustProxy ? firstValue(headers['x-forwarded-host']) : undefined
  const host = forwarded ?? headers.host
  if (!host) return false
  try {
    // Parsed with the Origin's scheme so that default ports compare equal (`example.com` vs `example.com:443`).
    return new URL(`${parsed.protocol}//${host}`).host === parsed.host
  } catch {
    return false
  }
}

function sameOrigin(allowed: string, origin: string): boolean {
  try {
    return new URL(allowed).origin === new URL(origin).origin
  } catch {
    return false
  }
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  return value?.split(',')[0]?.trim() || undefined
}
