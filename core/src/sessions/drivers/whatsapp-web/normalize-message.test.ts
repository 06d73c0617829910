import { describe, expect, it } from 'vitest'
import { chatIdOf, clampAck, messageTypeOf, normalizeMessage } from './normalize-message.ts'
import {
  contactCard,
  documentWithName,
  group,
  groupReply,
  imageWithCaption,
  inboundText,
  me,
  member,
  outboundText,
  peer,
  replyToOurMessage,
  sharedLocation,
  voiceNote,
  wwebMessage,
} from './test-fixtures/wweb-messages.ts'

describe('normalizeMessage', () => {
  it('maps an inbound text message', () => {
    expect(normalizeMessage(inboundText())).toEqual({
      id: `false_${peer}_3EB0C767D26A1D6E4A1C`,
      chatId: peer,
      from: peer,
      to: me,
      fromMe: false,
      type: 'text',
      body: 'السلام عليكم, is the order ready?',
      timestamp: new Date('2024-06-01T12:00:00Z'),
      ack: 0,
      media: null,
      quotedMessageId: null,
      location: null,
      senderName: 'Sara',
    })
  })

  it('puts our own message in the chat of its recipient', () => {
    const message = normalizeMessage(outboundText())
    expect(message).toMatchObject({ id: `true_${peer}_3EB0F00D00000000AAAA`, chatId: peer, from: me, to: peer, fromMe: true, type: 'text', body: 'Yes, tomorrow.', ack: 2, senderName: null })
  })

  it('reports an image with its caption, never the thumbnail WhatsApp keeps in body', () => {
    const message = normalizeMessage(imageWithCaption())
    expect(message).toMatchObject({ type: 'image', body: 'The receipt', media: { mimetype: 'image/jpeg', filename: null, size: 48211 } })
  })

  it('maps a ptt to a voice note', () => {
    expect(normalizeMessage(voiceNote())).toMatchObject({ type: 'voice', body: '', media: { mimetype: 'audio/ogg; codecs=opus', filename: null, size: 12034 } })
  })

  it('keeps a document file name and caption', () => {
    expect(normalizeMessage(documentWithName())).toMatchObject({
      type: 'document',
      body: 'Invoice for May',
      media: { mimetype: 'application/pdf', filename: 'invoice-2024-05.pdf', size: 88123 },
    })
  })

  it('reports a location with coordinates and its name and address as description', () => {
    const message = normalizeMessage(sharedLocation())
    expect(message.type).toBe('location')
    expect(message.location).toEqual({ latitude: 24.7113, longitude: 46.6744, description: 'Kingdom Centre\nKing Fahd Rd, Riyadh' })
    expect(message.body).toBe('Kingdom Centre\nKing Fahd Rd, Riyadh')
    expect(message.media).toBeNull()
  })

  it('gives a reply the id of the message it quotes, ours included', () => {
    expect(normalizeMessage(replyToOurMessage()).quotedMessageId).toBe(`true_${peer}_3EB0F00D00000000AAAA`)
  })

  it('reports a group message in the group chat, from the member who wrote it', () => {
    const message = normalizeMessage(groupReply())
    expect(message).toMatchObject({ id: `false_${group}_A1B2C3D4E5F6_${member}`, chatId: group, from: member, to: me, fromMe: false, senderName: 'Ali', body: 'Agreed' })
    expect(message.quotedMessageId).toBe(`false_${group}_F6E5D4C3B2A1_${peer}`)
  })

  it('maps types the contract does not name to other, keeping the text', () => {
    expect(normalizeMessage(contactCard())).toMatchObject({ type: 'other', body: 'BEGIN:VCARD\nVERSION:3.0\nFN:Omar\nEND:VCARD', media: null })
  })

  it('reads a reaction as its emoji, pointing at the message reacted to', () => {
    const reaction = wwebMessage(
      { fromMe: false, remote: peer, id: '3EB0REACT00000001' },
      { type: 'reaction', body: '', reactionText: '👍', reactionParentKey: { _serialized: `true_${peer}_3EB0F00D00000000AAAA` } },
    )
    expect(normalizeMessage(reaction)).toMatchObject({ type: 'reaction', body: '👍', quotedMessageId: `true_${peer}_3EB0F00D00000000AAAA` })
  })

  it('clamps out-of-range ACKs and reads a missing one as pending', () => {
    expect(normalizeMessage(wwebMessage({ fromMe: true, remote: peer, id: 'X1' }, { type: 'chat', body: 'x', ack: 7 })).ack).toBe(4)
    expect(normalizeMessage(wwebMessage({ fromMe: true, remote: peer, id: 'X2' }, { type: 'chat', body: 'x', ack: -5 })).ack).toBe(-1)
    expect(normalizeMessage(wwebMessage({ fromMe: true, remote: peer, id: 'X3' }, { type: 'chat', body: 'x', ack: undefined })).ack).toBe(0)
  })

  it('rejects something that is not a message', () => {
    expect(() => normalizeMessage({ body: 'no id' })).toThrow(/id/)
    expect(() => normalizeMessage(null)).toThrow(TypeError)
  })
})

describe('message helpers', () => {
  it('maps whatsapp-web.js types', () => {
    expect(['chat', 'image', 'video', 'audio', 'ptt', 'document', 'sticker', 'location', 'reaction', 'poll_creation', undefined].map(messageTypeOf)).toEqual([
      'text',
      'image',
      'video',
      'audio',
      'voice',
      'document',
      'sticker',
      'location',
      'reaction',
      'other',
      'other',
    ])
  })

  it('clamps ACK values to -1..4', () => {
    expect([-3, -1, 0, 2.7, 4, 9, Number.NaN, '3', null].map(clampAck)).toEqual([-1, -1, 0, 2, 4, 4, 0, 3, 0])
  })

  it('finds the chat of plain message-shaped objects too', () => {
    expect(chatIdOf({ fromMe: true, from: me, to: peer })).toBe(peer)
    expect(chatIdOf({ fromMe: false, from: group, to: me })).toBe(group)
  })
})
