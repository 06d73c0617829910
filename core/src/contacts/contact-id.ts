import { InputError } from '../errors/app-error.ts'

/** A contact id as stored (`<digits>@c.us`) from what a caller writes: that, or the phone number (`+` allowed). */
export function contactIdOf(input: string, field: string): string {
  const trimmed = input.trim()
  if (/^[1-9]\d{6,14}@c\.us$/.test(trimmed)) return trimmed
  const digits = trimmed.replace(/^\+/, '')
  if (/^[1-9]\d{6,14}$/.test(digits)) return `${digits}@c.us`
  throw InputError.fields([{ field, message: 'must be a phone number in international format (7-15 digits) or a contact id ending in @c.us' }])
}
