import { randomBytes } from 'node:crypto'

/** Message ids shaped like WhatsApp's: `<fromMe>_<chatId>_<hex>`; both sides share the hex part. */
export function newMessageKey(): string {
  return `3EB0${randomBytes(8).toString('hex').toUpperCase()}`
}

export function messageId(fromMe: boolean, chatId: string, key: string): string {
  return `${fromMe}_${chatId}_${key}`
}

export function chatIdOf(phone: string): string {
  return `${phone}@c.us`
}

export function phoneOf(chatId: string): string {
  return chatId.replace(/@.*$/, '')
}
