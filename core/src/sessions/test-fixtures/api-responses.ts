import { expect } from 'vitest'
import type { z } from 'zod'
import type { MessageView } from '../../messages/message-view.ts'
import type { TestResponse } from '../../testing/index.ts'
import type { sessionDetailView, SessionView } from '../session-view.ts'

export type SessionDetail = z.infer<typeof sessionDetailView>
export type SessionList = { items: SessionView[] }
export type MessagePage = { items: MessageView[]; nextCursor: string | null }
export type ErrorBody = { error: { code: string; message: string; details: unknown } }
export type { MessageView, SessionView }

/** Asserts an error response and returns its `error` object. */
export function expectError(response: TestResponse, status: number, code: string): ErrorBody['error'] {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  const { error } = response.body as ErrorBody
  expect(error.code, JSON.stringify(error)).toBe(code)
  return error
}

/** The fields a 400 names, e.g. `['body.clientId']`. */
export function fieldsOf(error: ErrorBody['error']): string[] {
  return Array.isArray(error.details) ? error.details.map((issue: { field?: unknown }) => String(issue.field)) : []
}
