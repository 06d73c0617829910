import wweb from 'whatsapp-web.js'
import type { Location, MessageMedia, MessageSendOptions } from 'whatsapp-web.js'
import type { OutgoingContent, SendOptions } from '../driver-contract.ts'

// Named imports compile but fail at run time under ESM: whatsapp-web.js is CommonJS.
const { Location: LocationClass, MessageMedia: MessageMediaClass } = wweb

export interface SendArguments {
  content: string | MessageMedia | Location
  options: MessageSendOptions
}

/** Media kinds whose caption WhatsApp shows; audio and voice notes have none. */
const captioned = new Set(['image', 'video', 'document'])

/**
 * Maps the contract's content to `client.sendMessage(chatId, content, options)`. whatsapp-web.js tells
 * media from text and locations with `instanceof`, so these must be its own classes.
 */
export function toSendArguments(content: OutgoingContent, options: SendOptions): SendArguments {
  const base: MessageSendOptions = options.quotedMessageId ? { quotedMessageId: options.quotedMessageId } : {}
  switch (content.type) {
    case 'text':
      return { content: content.text, options: base }
    case 'location': {
      // WhatsApp shows a location's name and address on two lines; the contract has one description.
      const [name, ...address] = (content.description ?? '').split('\n')
      const details = name ? { name, ...(address.length > 0 ? { address: address.join('\n') } : {}) } : {}
      return { content: new LocationClass(content.latitude, content.longitude, details), options: base }
    }
    default: {
      const media = new MessageMediaClass(content.media.mimetype, content.media.data, content.media.filename, null)
      const sendOptions: MessageSendOptions = { ...base }
      if (content.caption && captioned.has(content.type)) sendOptions.caption = content.caption
      // Without these whatsapp-web.js picks the kind from the MIME type (an image "document" would go out as a photo).
      if (content.type === 'document') sendOptions.sendMediaAsDocument = true
      if (content.type === 'voice') sendOptions.sendAudioAsVoice = true
      return { content: media, options: sendOptions }
    }
  }
}
