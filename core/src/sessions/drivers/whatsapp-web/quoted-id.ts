import { serializedId, str, type LooseRecord } from './wweb-fields.ts'

/**
 * The serialized id of the message a reply quotes (or a reaction targets), built so that it can be
 * passed back to `send({ quotedMessageId })` and `react()`: `<fromMe>_<chat>_<stanzaId>`, plus
 * `_<participant>` for other people's messages in groups, as WhatsApp Web serializes its MsgKeys.
 *
 * WhatsApp Web only gives the quoted stanza id, chat and author (`quotedStanzaID`, `quotedRemoteJid`,
 * `quotedParticipant`); the quoted message is ours when its author is this account, which is the
 * replying message's `from` when we sent it and its `to` otherwise. Limitation: when a group quotes
 * us by our LID (`…@lid`) while we know ourselves by phone (`…@c.us`), the id gets `false_` instead of
 * `true_`.
 */
export function quotedMessageId(data: LooseRecord, context: { chatId: string; selfId: string | null; type: string }): string | null {
  if (context.type === 'reaction') return serializedId(data.reactionParentKey) ?? serializedId(data.parentMsgKey)
  const stanzaId = str(data.quotedStanzaID)
  if (!stanzaId) return null
  const remote = serializedId(data.quotedRemoteJid) ?? context.chatId
  const participant = serializedId(data.quotedParticipant)
  const quotedFromMe = participant !== null && participant === context.selfId
  const suffix = remote.endsWith('@g.us') && !quotedFromMe && participant ? `_${participant}` : ''
  return `${quotedFromMe}_${remote}_${stanzaId}${suffix}`
}
