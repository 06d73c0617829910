import type { Disposer } from '../bus/bus-types.ts'
import type { MessageEventPayload } from '../bus/core-events.ts'

/** Who owns a chat: that plugin's responders get the first say on it (after the guards). */
export interface ChatOwner {
  sessionId: string
  chatId: string
  pluginId: string
  /** What owns it: `flow`, `agent`, `bot`, or another lowercase word the plugins agree on. */
  kind: string
  /** ISO 8601: when it took the chat. */
  since: string
  /** ISO 8601: when the ownership lapses by itself; null until released. */
  until: string | null
}

export interface OwnOptions {
  kind: string
  /** When the ownership lapses by itself (a Date or an ISO 8601 string, in the future). */
  until?: Date | string
  /** Take the chat even when another plugin owns it (a human agent taking over from a bot). */
  replace?: boolean
}

/** The responder that claimed a message. */
export interface Claim {
  pluginId: string
  responderId: string
}

/** What one responder is asked about one inbound message. */
export interface ResponderTurn {
  /** The `message.received` payload, as bus handlers get it. */
  readonly message: MessageEventPayload
  readonly sessionId: string
  readonly chatId: string
  /** Set when an earlier responder claimed the message: observe it, do not answer. */
  readonly claimedBy: Claim | null
  /** The chat's owner at this point of the chain (an earlier responder may just have taken it). */
  readonly owner: ChatOwner | null
}

/** `{ claim: true }` answers the message; anything else passes it on. */
export type ResponderResult = { claim?: boolean } | undefined | void

export type ResponderHandler = (turn: ResponderTurn) => ResponderResult | Promise<ResponderResult>

/** `plugin.responders`: answer inbound messages in a declared order and own chats. */
export interface PluginResponders {
  /** Registers the handler of a responder declared in the manifest's `contributes.responders`. */
  register(id: string, handler: ResponderHandler): Disposer
  /** Takes a chat; throws `CHAT_OWNED` (409) when another plugin owns it, unless `replace`. */
  own(sessionId: string, chatId: string, options: OwnOptions): Promise<ChatOwner>
  /** Gives a chat back; false when this plugin did not own it. */
  release(sessionId: string, chatId: string): Promise<boolean>
  /** The chat's current owner (any plugin's), or null. */
  owner(sessionId: string, chatId: string): Promise<ChatOwner | null>
}
