import { InputError } from '../errors/app-error.ts'

export interface ChatPosition {
  lastAt: Date
  chatId: string
}

/** Opaque cursor for "latest activity first" chat pages: the last chat's newest timestamp and id. */
export function encodeChatCursor(position: ChatPosition): string {
  return Buffer.from(`${position.lastAt.toISOString()}|${position.chatId}`).toString('base64url')
}

export function decodeChatCursor(cursor: string | undefined): ChatPosition | undefined {
  if (!cursor) return undefined
  const [iso, ...idParts] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const lastAt = new Date(iso ?? '')
  const chatId = idParts.join('|')
  if (!chatId || Number.isNaN(lastAt.getTime())) throw InputError.fields([{ field: 'query.cursor', message: 'is not a cursor this API returned' }])
  return { lastAt, chatId }
}
