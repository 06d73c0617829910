import { createHmac } from 'node:crypto'

/** HMAC-SHA256 of `<t>.<body>` in hex: what one `v1=` of X-Waqtor-Signature carries. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

/** `t=<unix seconds>,v1=<hex>[,v1=<hex>]`: one v1 per valid secret (two during a rotation's overlap). */
export function signatureHeader(secrets: readonly string[], body: string, nowMs: number): string {
  const timestamp = Math.floor(nowMs / 1000)
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',')
}
