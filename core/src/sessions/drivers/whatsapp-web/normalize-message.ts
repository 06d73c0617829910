import type { AckValue, MediaInfo, MessageType, NormalizedMessage } from '../driver-contract.ts'
import { quotedMessageId } from './quoted-id.ts'
import { num, record, serializedId, str, type LooseRecord } from './wweb-fields.ts'

/** whatsapp-web.js `Message.type` values the contract names; everything else is 'other'. */
const typeMap: Readonly<Record<string, MessageType>> = {
  chat: 'text',
  image: 'image',
  video: 'video',
  audio: 'audio',
  ptt: 'voice',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  reaction: 'reaction',
}

const mediaTypes = new Set<MessageType>(['image', 'video', 'audio', 'voice', 'document', 'sticker'])

export function messageTypeOf(wwebType: unknown): MessageType {
  return (typeof wwebType === 'string' ? typeMap[wwebType] : undefined) ?? 'other'
}

/** ACKs outside whatsapp-web.js's -1..4 (or missing) are clamped; a missing one reads as pending. */
export function clampAck(value: unknown): AckValue {
  const ack = num(value)
  if (ack === null) return 0
  return Math.min(4, Math.max(-1, Math.trunc(ack))) as AckValue
}

/** The chat a message belongs to: the recipient for our own messages, the sender (person or group) otherwise. */
export function chatIdOf(raw: unknown): string {
  const message = record(raw)
  const fromMe = message.fromMe === true || record(message.id).fromMe === true
  const chatId = serializedId(fromMe ? message.to : message.from)
  if (!chatId) throw new TypeError('whatsapp-web.js message without from/to')
  return chatId
}

export function messageIdOf(raw: unknown): string {
  const id = serializedId(record(raw).id)
  if (!id) throw new TypeError('whatsapp-web.js message without id._serialized')
  return id
}

/** Turns a whatsapp-web.js `Message` (or the same shape) into the contract's format. Throws on a message without id or chat. */
export function normalizeMessage(raw: unknown): NormalizedMessage {
  const message = record(raw)
  const data = record(message._data)
  const id = messageIdOf(raw)
  const chatId = chatIdOf(raw)
  const fromMe = message.fromMe === true || record(message.id).fromMe === true
  const ownFrom = serializedId(message.from) ?? chatId
  const to = serializedId(message.to) ?? chatId
  const type = messageTypeOf(message.type)
  const location = locationOf(message, data, type)
  const seconds = num(message.timestamp) ?? num(data.t)
  return {
    id,
    chatId,
    // In groups `from` is the group; the person who wrote is the `author`.
    from: serializedId(message.author) ?? ownFrom,
    to,
    fromMe,
    type,
    body: bodyOf(message, data, type, location),
    timestamp: seconds === null ? new Date() : new Date(seconds * 1000),
    ack: clampAck(message.ack),
    media: mediaOf(message, data, type),
    quotedMessageId: quotedMessageId(data, { chatId, selfId: fromMe ? ownFrom : to, type: str(message.type) ?? '' }),
    location,
    senderName: fromMe ? null : str(data.notifyName),
  }
}

function bodyOf(message: LooseRecord, data: LooseRecord, type: MessageType, location: NormalizedMessage['location']): string {
  // WhatsApp Web keeps a base64 thumbnail in `body` of media and location messages: never report it as text.
  if (mediaTypes.has(type)) return str(data.caption) ?? (message.hasMedia === true ? (str(message.body) ?? '') : '')
  if (type === 'location') return location?.description ?? ''
  if (type === 'reaction') return str(data.reactionText) ?? str(message.body) ?? ''
  return typeof message.body === 'string' ? message.body : ''
}

function mediaOf(message: LooseRecord, data: LooseRecord, type: MessageType): MediaInfo | null {
  if (!mediaTypes.has(type) && message.hasMedia !== true) return null
  return {
    mimetype: str(data.mimetype) ?? 'application/octet-stream',
    filename: str(data.filename),
    size: num(data.size),
  }
}

function locationOf(message: LooseRecord, data: LooseRecord, type: MessageType): NormalizedMessage['location'] {
  if (type !== 'location') return null
  const location = record(message.location)
  const latitude = num(location.latitude) ?? num(data.lat)
  const longitude = num(location.longitude) ?? num(data.lng)
  if (latitude === null || longitude === null) return null
  return { latitude, longitude, description: str(location.description) ?? str(data.loc) }
}
