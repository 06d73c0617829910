import { EventEmitter } from 'node:events'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { attachEventNormalizer } from './event-normalizer.ts'
import { normalizeMessage } from './normalize-message.ts'
import { recordingListener } from './test-fixtures/recording-listener.ts'
import { imageWithCaption, inboundText, me, outboundText, peer, wwebMessage } from './test-fixtures/wweb-messages.ts'

/** A plain EventEmitter standing in for the whatsapp-web.js Client, with `info` as it is once ready. */
class FakeClient extends EventEmitter {
  info: unknown = undefined
}

function setup() {
  const client = new FakeClient()
  const { listener, calls } = recordingListener()
  const detach = attachEventNormalizer(client, listener, pino({ level: 'silent' }))
  return { client, calls, detach }
}

describe('attachEventNormalizer', () => {
  it('forwards the login events', () => {
    const { client, calls } = setup()
    client.emit('qr', '2@AbCdEf==,KeY=,SeCrEt=,1')
    client.emit('authenticated', undefined)
    client.info = { pushname: 'Shop', wid: { server: 'c.us', user: '966509876543', _serialized: me } }
    client.emit('ready')
    expect(calls).toEqual([['qr', '2@AbCdEf==,KeY=,SeCrEt=,1'], ['authenticated'], ['ready', { phone: '966509876543' }]])
  })

  it('reports no phone when WhatsApp only knows the account by its LID', () => {
    const { client, calls } = setup()
    client.info = { wid: { server: 'lid', user: '123456789012345', _serialized: '123456789012345@lid' } }
    client.emit('ready')
    expect(calls).toEqual([['ready', { phone: null }]])
  })

  it('reports an inbound message once, although whatsapp-web.js emits message_create and message for it', () => {
    const { client, calls } = setup()
    const inbound = inboundText()
    // whatsapp-web.js's order: message_create first, then message for others' messages.
    client.emit('message_create', inbound)
    client.emit('message', inbound)
    expect(calls).toEqual([['message', normalizeMessage(inbound)]])
  })

  it('reports our own messages from message_create', () => {
    const { client, calls } = setup()
    client.emit('message_create', outboundText())
    expect(calls).toEqual([['message', expect.objectContaining({ fromMe: true, chatId: peer, body: 'Yes, tomorrow.' })]])
  })

  it('normalizes the message it forwards', () => {
    const { client, calls } = setup()
    client.emit('message', imageWithCaption())
    expect(calls).toEqual([['message', expect.objectContaining({ type: 'image', body: 'The receipt', media: expect.objectContaining({ mimetype: 'image/jpeg' }) })]])
  })

  it('maps message_ack to the message id and chat, clamping the value', () => {
    const { client, calls } = setup()
    const sent = outboundText()
    client.emit('message_ack', sent, 3)
    client.emit('message_ack', sent, 9)
    client.emit('message_ack', sent, -2)
    expect(calls).toEqual([
      ['ack', { messageId: `true_${peer}_3EB0F00D00000000AAAA`, chatId: peer, ack: 3 }],
      ['ack', { messageId: `true_${peer}_3EB0F00D00000000AAAA`, chatId: peer, ack: 4 }],
      ['ack', { messageId: `true_${peer}_3EB0F00D00000000AAAA`, chatId: peer, ack: -1 }],
    ])
  })

  it('reports a dropped connection as disconnected and an unlinked device or a ban as an auth failure', () => {
    const { client, calls } = setup()
    client.emit('disconnected', 'CONFLICT')
    client.emit('disconnected', 'NAVIGATION')
    client.emit('disconnected', 'LOGOUT')
    client.emit('disconnected', 'UNPAIRED')
    client.emit('disconnected', 'TOS_BLOCK')
    client.emit('auth_failure', 'Unable to restore the session')
    expect(calls).toEqual([
      ['disconnected', 'CONFLICT'],
      ['disconnected', 'NAVIGATION'],
      ['authFailure', 'WhatsApp ended the session (LOGOUT)'],
      ['authFailure', 'WhatsApp ended the session (UNPAIRED)'],
      ['authFailure', 'WhatsApp ended the session (TOS_BLOCK)'],
      ['authFailure', 'Unable to restore the session'],
    ])
  })

  it('only logs state changes: whatsapp-web.js follows the fatal ones with its own disconnected event', () => {
    const { client, calls } = setup()
    client.emit('change_state', 'UNPAIRED')
    client.emit('change_state', 'CONNECTED')
    expect(calls).toEqual([])
  })

  it('ignores status updates (stories)', () => {
    const { client, calls } = setup()
    client.emit('message', wwebMessage({ fromMe: false, remote: 'status@broadcast', id: 'S1', participant: peer }, { type: 'image', from: 'status@broadcast', author: peer, directPath: '/v/x', mimetype: 'image/jpeg' }))
    expect(calls).toEqual([])
  })

  it('survives a malformed event and keeps forwarding', () => {
    const { client, calls } = setup()
    expect(() => client.emit('message', { body: 'no id' })).not.toThrow()
    client.emit('message', inboundText())
    expect(calls.map(([name]) => name)).toEqual(['message'])
  })

  it('stops forwarding once detached', () => {
    const { client, calls, detach } = setup()
    detach()
    client.emit('qr', 'x')
    client.emit('message', inboundText())
    expect(calls).toEqual([])
    expect(client.listenerCount('message')).toBe(0)
  })
})
