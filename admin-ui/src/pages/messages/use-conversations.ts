import { ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { api } from '../../api/client.ts'
import type { Message } from '../../api/types.ts'
import { ackNameOf, isAckProgress } from '../../components/ack-progress.ts'
import { isNewer, phoneOfChat, type AckEventPayload, type ChatSummary } from './message-model.ts'

const pageSize = 30

interface ChatPage {
  items: ChatSummary[]
  nextCursor: string | null
}

/**
 * The conversations of one session, latest activity first, with search and "load more", kept in
 * order by the messages and ACKs the page hears about.
 */
export function useConversations(clientId: MaybeRefOrGetter<string | undefined>) {
  const items = ref<ChatSummary[]>([])
  const nextCursor = ref<string | null>(null)
  const search = ref('')
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = shallowRef<Error | null>(null)
  const moreError = shallowRef<Error | null>(null)
  let controller: AbortController | null = null
  /** Messages already counted in their chat, so one heard twice (event and answer) counts once. */
  let counted = new Set<string>()

  async function fetchPage(cursor: string | null, signal?: AbortSignal): Promise<ChatPage> {
    return api.get<ChatPage>('chats', { clientId: toValue(clientId), search: search.value.trim(), cursor, limit: pageSize }, signal)
  }

  /** Reads the first page again (new session, new search); a newer read supersedes this one. */
  async function load(): Promise<void> {
    controller?.abort()
    items.value = []
    nextCursor.value = null
    error.value = null
    moreError.value = null
    counted = new Set()
    if (!toValue(clientId)) return
    const current = new AbortController()
    controller = current
    loading.value = true
    try {
      const page = await fetchPage(null, current.signal)
      if (controller !== current) return
      items.value = page.items
      nextCursor.value = page.nextCursor
    } catch (caught) {
      if (controller === current && !current.signal.aborted) error.value = caught as Error
    } finally {
      if (controller === current) loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return
    const session = toValue(clientId)
    loadingMore.value = true
    moreError.value = null
    try {
      const page = await fetchPage(nextCursor.value)
      if (session !== toValue(clientId)) return
      // A chat that moved to the top while we read may be on this page too.
      const known = new Set(items.value.map((chat) => chat.chatId))
      items.value.push(...page.items.filter((chat) => !known.has(chat.chatId)))
      nextCursor.value = page.nextCursor
    } catch (caught) {
      moreError.value = caught as Error
    } finally {
      loadingMore.value = false
    }
  }

  /**
   * A message was sent or received: its chat shows it and moves to the top. A chat we have not
   * listed gets its summary (contact name, count) from the server.
   */
  function applyMessage(message: Message): void {
    if (message.sessionId !== toValue(clientId)) return
    const index = items.value.findIndex((chat) => chat.chatId === message.chatId)
    const chat = items.value[index]
    if (chat) {
      if (chat.lastMessage.id === message.id) {
        chat.lastMessage = mergeMessage(chat.lastMessage, message)
        return
      }
      if (counted.has(message.id)) return
      counted.add(message.id)
      chat.messageCount += 1
      if (!isNewer(message, chat.lastMessage)) return
      chat.lastMessage = message
      items.value.splice(index, 1)
      items.value.unshift(chat)
      return
    }
    // While searching, an unlisted chat may not match: the next search shows it if it does.
    if (search.value.trim()) return
    const phone = phoneOfChat(message.chatId)
    counted.add(message.id)
    items.value.unshift({ chatId: message.chatId, name: null, phone, lastMessage: message, messageCount: 1 })
    void completeSummary(message.chatId)
  }

  async function completeSummary(chatId: string): Promise<void> {
    const session = toValue(clientId)
    try {
      const page = await api.get<ChatPage>('chats', { clientId: session, search: chatId, limit: 5 })
      const found = page.items.find((chat) => chat.chatId === chatId)
      const listed = items.value.find((chat) => chat.chatId === chatId)
      if (!found || !listed || session !== toValue(clientId)) return
      listed.name = found.name
      listed.phone = found.phone
      listed.messageCount = Math.max(listed.messageCount, found.messageCount)
      if (!isNewer(listed.lastMessage, found.lastMessage)) listed.lastMessage = mergeMessage(found.lastMessage, listed.lastMessage)
    } catch {
      // The number stands in for the name until the list is read again.
    }
  }

  function applyAck(event: AckEventPayload): void {
    if (event.sessionId !== toValue(clientId)) return
    const chat = items.value.find((candidate) => candidate.chatId === event.chatId && candidate.lastMessage.id === event.messageId)
    if (chat && isAckProgress(chat.lastMessage.ack, event.ack)) chat.lastMessage = { ...chat.lastMessage, ack: event.ack, ackName: ackNameOf(event.ack) }
  }

  watch(() => toValue(clientId), () => void load(), { immediate: true })

  let searchTimer: ReturnType<typeof setTimeout> | undefined
  watch(search, () => {
    clearTimeout(searchTimer)
    searchTimer = setTimeout(() => void load(), 300)
  })

  return { items, nextCursor, search, loading, loadingMore, error, moreError, load, loadMore, applyMessage, applyAck }
}

/** The same message seen twice (event and answer): the fuller copy, with the furthest ACK. */
export function mergeMessage(known: Message, incoming: Message): Message {
  const merged: Message = {
    ...known,
    ...incoming,
    media: incoming.media ?? known.media,
    location: incoming.location ?? known.location,
    quotedMessageId: incoming.quotedMessageId ?? known.quotedMessageId,
    senderName: incoming.senderName ?? known.senderName,
  }
  if (!isAckProgress(incoming.ack, known.ack)) return merged
  return { ...merged, ack: known.ack, ackName: known.ackName, ackAt: known.ackAt }
}
