import { z } from 'zod'

/** Where a page ended: the last item's creation time and id (the id orders equal timestamps). */
export interface NotificationCursor {
  createdAt: Date
  id: string
}

export function encodeCursor(cursor: NotificationCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url')
}

export function decodeCursor(value: string): NotificationCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined
  const [iso, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|')
  if (!iso || !id || rest.length > 0 || id.length > 64) return undefined
  const createdAt = new Date(iso)
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return undefined
  return { createdAt, id }
}

/** An opaque `nextCursor` from a previous page; anything else is a 400 naming the field. */
export const cursorSchema = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const cursor = decodeCursor(value)
    if (cursor) return cursor
    ctx.addIssue({ code: 'custom', message: 'is not a nextCursor returned by a previous page' })
    return z.NEVER
  })
