import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import { OutboundError } from './outbound-error.ts'

/**
 * Reads a response body into memory, refusing it as soon as it is known to exceed `maxBytes`: from
 * its Content-Length before reading, or while streaming when that header is absent or wrong.
 */
export async function readCappedBody(body: Readable, headers: IncomingHttpHeaders, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    discardBody(body)
    throw tooLarge(url, maxBytes, `${declared} bytes announced`)
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of body) {
    const bytes = chunk as Buffer
    total += bytes.length
    if (total > maxBytes) {
      discardBody(body)
      throw tooLarge(url, maxBytes, 'more sent')
    }
    chunks.push(bytes)
  }
  return Buffer.concat(chunks, total)
}

/** Stops reading a body nobody wants; undici reports the abort as an error event, which is expected here. */
export function discardBody(body: Readable): void {
  body.on('error', () => undefined)
  body.destroy()
}

/** Node's header object as a fetch-style Headers (case-insensitive `get`, repeated headers kept). */
export function toHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers()
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) result.append(name, item)
  }
  return result
}

function tooLarge(url: string, maxBytes: number, got: string): OutboundError {
  return new OutboundError('OUTBOUND_TOO_LARGE', `the response is larger than the ${maxBytes} bytes allowed (${got})`, url)
}
