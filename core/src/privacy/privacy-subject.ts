import { z } from 'zod'
import { InputError } from '../errors/app-error.ts'
import { toFieldIssues } from '../http/zod-issues.ts'

/** A person whose data is exported or erased: a contact of one session, or a panel user. */
export type PrivacySubject = ContactSubject | UserSubject

export interface ContactSubject {
  kind: 'contact'
  sessionId: string
  /** Digits in international format (`966501234567`); `+` and a chat id `<digits>@c.us` are accepted on input. */
  phone: string
  /** `<digits>@c.us`, for tables keyed by chat id. Filled by the kernel. */
  chatId: string
}

export interface UserSubject {
  kind: 'user'
  userId: string
}

export type PrivacySubjectInput = { kind: 'contact'; sessionId: string; phone: string } | { kind: 'user'; userId: string }

export const privacySubjectSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('contact'),
      sessionId: z.string().trim().min(1).max(63),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[1-9]\d{6,14}(@c\.us)?$/, 'must be a phone number in international format (7-15 digits) or a chat id <digits>@c.us'),
    })
    .strict(),
  z.object({ kind: z.literal('user'), userId: z.string().trim().min(1).max(36) }).strict(),
])

/** Checks and normalizes a subject; bad input is a 400 naming `<field>.<key>`. */
export function toPrivacySubject(input: unknown, field = 'subject'): PrivacySubject {
  const parsed = privacySubjectSchema.safeParse(input, { reportInput: true })
  if (!parsed.success) throw InputError.fields(toFieldIssues(parsed.error.issues, field))
  const subject = parsed.data
  if (subject.kind === 'user') return subject
  const phone = subject.phone.replace(/^\+/, '').replace(/@c\.us$/, '')
  return { kind: 'contact', sessionId: subject.sessionId, phone, chatId: `${phone}@c.us` }
}
