import wweb from 'whatsapp-web.js'
import type { Message } from 'whatsapp-web.js'

/**
 * Real whatsapp-web.js `Message` objects built from data shaped like WhatsApp Web's serialized message
 * model (what `window.WWebJS.getMessageModel` hands to whatsapp-web.js), so the tests exercise the
 * library's own field mapping (`t` -> timestamp, `directPath` -> hasMedia, `lat`/`lng` -> location...).
 */

export const me = '966509876543@c.us'
export const peer = '966501234567@c.us'
export const group = '120363025246125486@g.us'
export const member = '966501111111@c.us'

/** A JPEG thumbnail as WhatsApp Web keeps it in `body` of media and location messages. */
export const thumbnail = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYGBgYHBwYIChAKCgkJChQODQwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/'

// The class exists at run time; the typings only declare an interface.
const MessageClass = (wweb as unknown as { Message: new (client: object, data: object) => Message }).Message

const wid = (serialized: string) => {
  const [user = '', server = ''] = serialized.split('@')
  return { server, user, _serialized: serialized }
}

interface Key {
  fromMe: boolean
  remote: string
  id: string
  participant?: string
}

function msgKey(key: Key) {
  const serialized = `${key.fromMe}_${key.remote}_${key.id}${key.participant ? `_${key.participant}` : ''}`
  return { fromMe: key.fromMe, remote: key.remote, id: key.id, ...(key.participant ? { participant: wid(key.participant) } : {}), _serialized: serialized }
}

export function wwebMessage(key: Key, data: Record<string, unknown>): Message {
  const fromMe = key.fromMe
  const base = {
    id: msgKey(key),
    t: 1717243200,
    ack: fromMe ? 1 : 0,
    from: wid(fromMe ? me : key.remote),
    to: wid(fromMe ? key.remote : me),
    isNewMsg: true,
    star: false,
    broadcast: false,
    mentionedJidList: [],
    groupMentions: [],
    links: [],
  }
  // The constructor only keeps `client` for methods such as react(), which these tests do not call.
  return new MessageClass({}, { ...base, ...data })
}

export const inboundText = () => wwebMessage({ fromMe: false, remote: peer, id: '3EB0C767D26A1D6E4A1C' }, { type: 'chat', body: 'السلام عليكم, is the order ready?', notifyName: 'Sara' })

export const outboundText = () => wwebMessage({ fromMe: true, remote: peer, id: '3EB0F00D00000000AAAA' }, { type: 'chat', body: 'Yes, tomorrow.', ack: 2 })

export const imageWithCaption = () =>
  wwebMessage(
    { fromMe: false, remote: peer, id: '3EB0IMAGE000000001' },
    { type: 'image', body: thumbnail, caption: 'The receipt', mimetype: 'image/jpeg', size: 48211, directPath: '/v/t62.7118-24/123_n.enc', notifyName: 'Sara' },
  )

export const voiceNote = () =>
  wwebMessage(
    { fromMe: false, remote: peer, id: '3EB0VOICE000000001' },
    { type: 'ptt', body: '', mimetype: 'audio/ogg; codecs=opus', size: 12034, duration: '7', directPath: '/v/t62.7117-24/456_n.enc', notifyName: 'Sara' },
  )

export const documentWithName = () =>
  wwebMessage(
    { fromMe: false, remote: peer, id: '3EB0DOC00000000001' },
    { type: 'document', body: thumbnail, caption: 'Invoice for May', filename: 'invoice-2024-05.pdf', mimetype: 'application/pdf', size: 88123, directPath: '/v/t62.7119-24/789_n.enc', notifyName: 'Sara' },
  )

export const sharedLocation = () =>
  wwebMessage(
    { fromMe: false, remote: peer, id: '3EB0LOC00000000001' },
    { type: 'location', body: thumbnail, lat: 24.7113, lng: 46.6744, loc: 'Kingdom Centre\nKing Fahd Rd, Riyadh', clientUrl: 'https://maps.example', notifyName: 'Sara' },
  )

/** Sara replies to a message we sent her earlier. */
export const replyToOurMessage = () =>
  wwebMessage(
    { fromMe: false, remote: peer, id: '3EB0REPLY000000001' },
    { type: 'chat', body: 'Thanks!', notifyName: 'Sara', quotedMsg: { type: 'chat', body: 'Yes, tomorrow.' }, quotedStanzaID: '3EB0F00D00000000AAAA', quotedParticipant: wid(me), quotedRemoteJid: wid(peer) },
  )

/** A member writes in a group, replying to another member's message. */
export const groupReply = () =>
  wwebMessage(
    { fromMe: false, remote: group, id: 'A1B2C3D4E5F6', participant: member },
    {
      type: 'chat',
      body: 'Agreed',
      author: wid(member),
      from: wid(group),
      notifyName: 'Ali',
      quotedMsg: { type: 'chat', body: 'Meet at 5?' },
      quotedStanzaID: 'F6E5D4C3B2A1',
      quotedParticipant: wid(peer),
      quotedRemoteJid: wid(group),
    },
  )

export const contactCard = () =>
  wwebMessage({ fromMe: false, remote: peer, id: '3EB0VCARD00000001' }, { type: 'vcard', body: 'BEGIN:VCARD\nVERSION:3.0\nFN:Omar\nEND:VCARD', notifyName: 'Sara' })
