import { InputError } from '../errors/app-error.ts'

/**
 * Turns what callers write into a WhatsApp chat id: E.164 digits ("+966 50 123 4567",
 * "966501234567") become `<digits>@c.us`; `<digits>@c.us` and group ids `<id>@g.us` pass through.
 */
export function normalizeChatId(input: string, field: string): string {
  const trimmed = input.trim()
  if (/^\d{7,15}@c\.us$/.test(trimmed)) return trimmed
  if (/^[\d-]{5,40}@g\.us$/.test(trimmed)) return trimmed
  const digits = trimmed.replace(/^\+/, '').replace(/[\s().-]/g, '')
  if (/^[1-9]\d{6,14}$/.test(digits)) return `${digits}@c.us`
  throw InputError.fields([{ field, message: 'must be a phone number in international format (7-15 digits, e.g. +966501234567) or a chat id ending in @c.us or @g.us' }], 'INVALID_PHONE')
}
