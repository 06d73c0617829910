import { z } from 'zod'
import type { ApiRouter } from '../http/api-router.ts'
import type { PrivacyRegistry } from './privacy-registry.ts'

const failures = z.record(z.string(), z.object({ code: z.string(), message: z.string() }))
const eraseCounts = z.object({ deleted: z.record(z.string(), z.number()).optional(), anonymized: z.record(z.string(), z.number()).optional(), kept: z.record(z.string(), z.number()).optional() })
const subjectView = z.union([
  z.object({ kind: z.literal('contact'), sessionId: z.string(), phone: z.string(), chatId: z.string() }),
  z.object({ kind: z.literal('user'), userId: z.string() }),
])
const subjectBody = z.object({
  subject: z.unknown().describe("`{ kind: 'contact', sessionId, phone }` (digits, + allowed, or `<digits>@c.us`) or `{ kind: 'user', userId }`"),
}).strict()

/**
 * Admin-only export and erase of a person's data across the kernel and every plugin, for operators
 * and tests; the GDPR pack adds requests, approvals and records on top of the same registry.
 */
export function registerPrivacyRoutes({ api, privacy }: { api: ApiRouter; privacy: () => PrivacyRegistry }): void {
  api.route({
    method: 'post',
    path: '/privacy/export',
    summary: "Export a contact's or a user's personal data (kernel and plugins)",
    description: 'Answers `{ subject, exportedAt, core, plugins: { <id>: sections }, failures, unavailable }`. A plugin whose hook fails is named in `failures`; one declaring personal data without running hooks in `unavailable`.',
    tags: ['privacy'],
    access: ['admin'],
    body: subjectBody,
    response: z.object({ subject: subjectView, exportedAt: z.string(), core: z.record(z.string(), z.unknown()), plugins: z.record(z.string(), z.record(z.string(), z.unknown())), failures, unavailable: z.array(z.string()) }),
    errors: { 404: 'No such user' },
    async handler(_ctx, { body }) {
      return privacy().exportSubject(body.subject, 'body.subject')
    },
  })

  api.route({
    method: 'post',
    path: '/privacy/erase',
    summary: "Erase a contact's or a user's personal data (kernel and plugins); cannot be undone",
    description: 'Answers counts per section: `{ core: { deleted, anonymized, kept }, plugins: { <id>: counts }, failures, unavailable }`. A contact is deleted with its messages, early ACKs, idempotent-send records, chat ownership and files; a user is anonymized and disabled, logins and notifications deleted.',
    tags: ['privacy'],
    access: ['admin'],
    body: subjectBody,
    response: z.object({ subject: subjectView, erasedAt: z.string(), core: eraseCounts, plugins: z.record(z.string(), eraseCounts), failures, unavailable: z.array(z.string()) }),
    errors: { 404: 'No such user', 409: 'The last active admin cannot be erased' },
    async handler(_ctx, { body }) {
      return privacy().eraseSubject(body.subject, 'body.subject')
    },
  })
}
