const token = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/
const parameter = /^[a-z0-9!#$&^_.+-]+=("[^"\\\r\n]*"|[a-z0-9!#$&^_.+-]+)$/i

/** Declared types that say nothing about the file (what a client sends when it does not know). */
const uninformative = new Set(['application/octet-stream', 'binary/octet-stream', 'application/unknown', 'application/x-download', 'application/force-download'])

/**
 * A MIME type as WhatsApp gets it: `type/subtype` in lower case, parameters kept (a voice note's
 * `audio/ogg; codecs=opus`). Null when the value is not a MIME type.
 */
export function normalizeMimetype(value: string): string | null {
  const [head = '', ...rest] = value.split(';')
  const [type = '', subtype = '', extra] = head.trim().toLowerCase().split('/')
  if (extra !== undefined || !token.test(type) || !token.test(subtype)) return null
  const parameters = rest.map((part) => part.trim()).filter((part) => part.length > 0)
  if (!parameters.every((part) => parameter.test(part))) return null
  return [`${type}/${subtype}`, ...parameters].join('; ')
}

/** A declared type worth believing: a valid MIME type that is not a generic "some bytes". */
export function informativeMimetype(value: string | null | undefined): string | null {
  if (!value) return null
  const normalized = normalizeMimetype(value)
  if (!normalized || uninformative.has(essenceOf(normalized))) return null
  return normalized
}

export function essenceOf(mimetype: string): string {
  return mimetype.split(';')[0] ?? mimetype
}
