import wweb from 'whatsapp-web.js'
import { describe, expect, it } from 'vitest'
import { toSendArguments } from './outgoing-content.ts'

const media = { mimetype: 'image/png', data: 'iVBORw0KGgo=', filename: 'scan.png' }

describe('toSendArguments', () => {
  it('sends text as a string, quoting when asked', () => {
    expect(toSendArguments({ type: 'text', text: 'hello' }, {})).toEqual({ content: 'hello', options: {} })
    expect(toSendArguments({ type: 'text', text: 'hi' }, { quotedMessageId: 'false_1@c.us_AB' })).toEqual({ content: 'hi', options: { quotedMessageId: 'false_1@c.us_AB' } })
  })

  it('sends an image as whatsapp-web.js MessageMedia with its caption', () => {
    const { content, options } = toSendArguments({ type: 'image', media, caption: 'front page' }, {})
    expect(content).toBeInstanceOf(wweb.MessageMedia)
    expect(content).toMatchObject({ mimetype: 'image/png', data: 'iVBORw0KGgo=', filename: 'scan.png' })
    expect(options).toEqual({ caption: 'front page' })
  })

  it('forces a document to go out as a document, whatever its MIME type', () => {
    expect(toSendArguments({ type: 'document', media, caption: null }, { quotedMessageId: 'q' }).options).toEqual({ sendMediaAsDocument: true, quotedMessageId: 'q' })
  })

  it('sends a voice note as a voice message, without a caption', () => {
    const voice = { mimetype: 'audio/ogg; codecs=opus', data: 'T2dnUw==', filename: null }
    const { content, options } = toSendArguments({ type: 'voice', media: voice, caption: 'ignored' }, {})
    expect(content).toBeInstanceOf(wweb.MessageMedia)
    expect(options).toEqual({ sendAudioAsVoice: true })
    expect(toSendArguments({ type: 'audio', media: voice, caption: null }, {}).options).toEqual({})
  })

  it('sends a location as whatsapp-web.js Location, splitting name and address', () => {
    const { content } = toSendArguments({ type: 'location', latitude: 24.7113, longitude: 46.6744, description: 'Kingdom Centre\nKing Fahd Rd, Riyadh' }, {})
    expect(content).toBeInstanceOf(wweb.Location)
    expect(content).toMatchObject({ latitude: 24.7113, longitude: 46.6744, name: 'Kingdom Centre', address: 'King Fahd Rd, Riyadh', description: 'Kingdom Centre\nKing Fahd Rd, Riyadh' })
    expect(toSendArguments({ type: 'location', latitude: 1, longitude: 2, description: null }, {}).content).toMatchObject({ latitude: 1, longitude: 2, description: '' })
  })
})
