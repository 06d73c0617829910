import { ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { ApiError, NetworkError } from '../../api/api-error.ts'
import { api } from '../../api/client.ts'
import type { Message } from '../../api/types.ts'
import { ackNameOf, isAckProgress } from '../../components/ack-progress.ts'
import { mergeMessage } from './use-conversations.ts'
import { isNewer, messageFromEvent, needsDetails, type AckEventPayload, type MessageEventPayload } from './message-model.ts'

const pageSize = 50

/** A message the user is sending: shown at once, replaced by the stored one when the server answers. */
export interface OutgoingState {
  /** The Idempotency-Key of this message: a retry reuses it, so the server never sends it twice. */
  key: string
  status: 'sending' | 'failed'
  error: string | null
  text: string
}

export type ChatMessage = Message & { outgoing?: OutgoingState }

interface MessagePage {
  items: Message[]
  nextCursor: string | null
}

export interface MediaDraft {
  file: File
  caption: string
}

/** The kind the server will pick for a file, to draw the pending bubble the way it will end up. */
function kindOfFile(file: File): string {
  const family = file.type.split('/')[0]
  return family === 'image' || family === 'video' || family === 'audio' ? family : 'document'
}

export function errorText(error: unknown, networkText: string): string {
  if (error instanceof NetworkError) return networkText
  if (error instanceof ApiError) return error.message
  return error instanceof Error ? error.message : String(error)
}

/**
 * The messages of one chat, oldest first (the server pages newest first), with "load older", live
 * arrivals and ACKs, and sending with an immediate pending bubble.
 */
export function useChatMessages(clientId: MaybeRefOrGetter<string | undefined>, chatId: MaybeRefOrGetter<string | undefined>, options: { networkText: string }) {
  const items = ref<ChatMessage[]>([])
  const olderCursor = ref<string | null>(null)
  const loading = ref(false)
  const loadingOlder = ref(false)
  const error = shallowRef<Error | null>(null)
  const olderError = shallowRef<Error | null>(null)
  let controller: AbortController | null = null
  /** ACKs of messages not shown yet (the send's answer can come after its first ACKs). */
  let laterAcks = new Map<string, number>()
  /** Our own sends echoed by events while their request is still out: added once it answers. */
  let held: Message[] = []
  let inFlight = 0

  const isCurrentChat = (sessionId: string, chat: string) => sessionId === toValue(clientId) && chat === toValue(chatId)

  async function load(): Promise<void> {
    controller?.abort()
    items.value = []
    olderCursor.value = null
    error.value = null
    olderError.value = null
    laterAcks = new Map()
    held = []
    const session = toValue(clientId)
    const chat = toValue(chatId)
    if (!session || !chat) return
    const current = new AbortController()
    controller = current
    loading.value = true
    try {
      const page = await api.get<MessagePage>('messages', { clientId: session, chatId: chat, limit: pageSize }, current.signal)
      if (controller !== current) return
      // Live messages that arrived while we read are kept.
      const arrived = items.value
      items.value = [...page.items].reverse()
      for (const message of arrived) upsert(message)
      olderCursor.value = page.nextCursor
    } catch (caught) {
      if (controller === current && !current.signal.aborted) error.value = caught as Error
    } finally {
      if (controller === current) loading.value = false
    }
  }

  async function loadOlder(): Promise<void> {
    if (!olderCursor.value || loadingOlder.value) return
    const session = toValue(clientId)
    const chat = toValue(chatId)
    loadingOlder.value = true
    olderError.value = null
    try {
      const page = await api.get<MessagePage>('messages', { clientId: session, chatId: chat, limit: pageSize, cursor: olderCursor.value })
      if (!isCurrentChat(session ?? '', chat ?? '')) return
      const known = new Set(items.value.map((message) => message.id))
      items.value.unshift(...[...page.items].reverse().filter((message) => !known.has(message.id)))
      olderCursor.value = page.nextCursor
    } catch (caught) {
      olderError.value = caught as Error
    } finally {
      loadingOlder.value = false
    }
  }

  /** Adds a message in its place by time, or merges it into the copy shown (keeping the furthest ACK). */
  function upsert(message: Message): void {
    const parked = laterAcks.get(message.id)
    if (parked !== undefined) {
      laterAcks.delete(message.id)
      if (isAckProgress(message.ack, parked)) message = { ...message, ack: parked, ackName: ackNameOf(parked) }
    }
    const index = items.value.findIndex((shown) => shown.id === message.id)
    if (index >= 0) {
      items.value[index] = mergeMessage(items.value[index]!, message)
      return
    }
    let position = items.value.length
    while (position > 0 && isNewer(items.value[position - 1]!, message)) position -= 1
    items.value.splice(position, 0, message)
  }

  /** A `message.received` / `message.sent` event. */
  function applyEvent(payload: MessageEventPayload): void {
    if (!isCurrentChat(payload.sessionId, payload.chatId)) return
    const message = messageFromEvent(payload)
    if (payload.fromMe && inFlight > 0 && !items.value.some((shown) => shown.id === message.id)) held.push(message)
    else upsert(message)
    if (needsDetails(payload.type)) void fetchDetails(payload.sessionId, payload.messageId)
  }

  /** Media and locations: the event names the kind only; the stored message has the file and the place. */
  async function fetchDetails(session: string, id: string): Promise<void> {
    try {
      const message = await api.get<Message>(`messages/${encodeURIComponent(id)}`, { clientId: session })
      if (isCurrentChat(message.sessionId, message.chatId) && items.value.some((shown) => shown.id === id)) upsert(message)
    } catch {
      // The bubble keeps the kind without its details; reading the chat again shows them.
    }
  }

  function applyAck(event: AckEventPayload): void {
    if (!isCurrentChat(event.sessionId, event.chatId)) return
    const message = items.value.find((shown) => shown.id === event.messageId)
    if (!message) {
      const parked = laterAcks.get(event.messageId)
      if (parked === undefined || isAckProgress(parked, event.ack)) laterAcks.set(event.messageId, event.ack)
      return
    }
    if (isAckProgress(message.ack, event.ack)) Object.assign(message, { ack: event.ack, ackName: ackNameOf(event.ack) })
  }

  function pendingBubble(key: string, fields: Partial<Message>, text: string): ChatMessage {
    const session = toValue(clientId) ?? ''
    const chat = toValue(chatId) ?? ''
    return {
      id: `local:${key}`,
      sessionId: session,
      chatId: chat,
      from: '',
      to: chat,
      fromMe: true,
      direction: 'out',
      type: 'text',
      body: text,
      timestamp: new Date().toISOString(),
      ack: 0,
      ackName: 'pending',
      ackAt: null,
      media: null,
      location: null,
      quotedMessageId: null,
      senderName: null,
      ...fields,
      outgoing: { key, status: 'sending', error: null, text },
    }
  }

  /** Runs one send request: replaces the pending bubble by the stored message, then adds the held echoes. */
  async function deliver(localId: string, request: () => Promise<Message>): Promise<Message> {
    const session = toValue(clientId)
    const chat = toValue(chatId)
    inFlight += 1
    try {
      const stored = await request()
      if (isCurrentChat(session ?? '', chat ?? '') && stored.chatId === chat) {
        items.value = items.value.filter((shown) => shown.id !== localId)
        upsert(stored)
      }
      return stored
    } finally {
      inFlight -= 1
      if (inFlight === 0) {
        const echoes = held
        held = []
        for (const message of echoes) upsert(message)
      }
    }
  }

  function markFailed(localId: string, caught: unknown): void {
    const bubble = items.value.find((shown) => shown.id === localId)
    if (bubble?.outgoing) bubble.outgoing = { ...bubble.outgoing, status: 'failed', error: errorText(caught, options.networkText) }
  }

  async function sendWithKey(key: string, text: string): Promise<Message | null> {
    const localId = `local:${key}`
    const session = toValue(clientId)
    const chat = toValue(chatId)
    try {
      return await deliver(localId, () => api.post<Message>('messages/send-text', { to: chat, text }, { query: { clientId: session }, headers: { 'Idempotency-Key': key } }))
    } catch (caught) {
      markFailed(localId, caught)
      return null
    }
  }

  /** Sends a text; the bubble shows at once as pending, and says why if the send fails. */
  function sendText(text: string): Promise<Message | null> {
    const key = crypto.randomUUID()
    upsert(pendingBubble(key, {}, text))
    return sendWithKey(key, text)
  }

  /** Sends a failed text again with the same Idempotency-Key: if the first attempt did reach WhatsApp, nothing is sent twice. */
  function retry(localId: string): Promise<Message | null> {
    const bubble = items.value.find((shown) => shown.id === localId)
    if (!bubble?.outgoing || bubble.outgoing.status !== 'failed') return Promise.resolve(null)
    bubble.outgoing = { ...bubble.outgoing, status: 'sending', error: null }
    return sendWithKey(bubble.outgoing.key, bubble.outgoing.text)
  }

  function discard(localId: string): void {
    items.value = items.value.filter((shown) => shown.id !== localId)
  }

  /**
   * Uploads a file as multipart/form-data with an optional caption. A refused file (400, 413) throws,
   * with its pending bubble removed, so the composer can keep the file and show why.
   */
  async function sendMedia({ file, caption }: MediaDraft): Promise<Message> {
    const key = crypto.randomUUID()
    const localId = `local:${key}`
    const text = caption.trim()
    upsert(pendingBubble(key, { type: kindOfFile(file), media: { mimetype: file.type || 'application/octet-stream', filename: file.name, size: file.size } }, text))
    const form = new FormData()
    form.set('to', toValue(chatId) ?? '')
    if (text) form.set('caption', text)
    form.set('file', file, file.name)
    try {
      return await deliver(localId, () => api.post<Message>('messages/send-media', form, { query: { clientId: toValue(clientId) }, headers: { 'Idempotency-Key': key } }))
    } catch (caught) {
      discard(localId)
      throw caught
    }
  }

  watch(() => [toValue(clientId), toValue(chatId)], () => void load(), { immediate: true })

  return { items, olderCursor, loading, loadingOlder, error, olderError, load, loadOlder, applyEvent, applyAck, sendText, retry, discard, sendMedia }
}
