import { EventEmitter } from 'node:events'
import type { MessageSendOptions } from 'whatsapp-web.js'
import type { SendArguments } from '../outgoing-content.ts'
import type { BrowserLike, PageLike, WwebClientLike, WwebClientOptions } from '../wweb-client.ts'

class FakeBrowser extends EventEmitter implements BrowserLike {
  connected = true
  process() {
    return { pid: undefined }
  }
  isConnected() {
    return this.connected
  }
  close() {
    this.connected = false
    this.emit('disconnected')
  }
}

/**
 * Stands in for the whatsapp-web.js Client: an EventEmitter whose browser-facing calls are scripted
 * by the test (`initialize`, `sendMessage`, `getMessageById`...) and recorded.
 */
export class FakeWwebClient extends EventEmitter implements WwebClientLike {
  info: unknown = { wid: { server: 'c.us', user: '966509876543', _serialized: '966509876543@c.us' } }
  pupBrowser: FakeBrowser | null = null
  pupPage: (EventEmitter & PageLike) | null = null
  readonly calls: Array<[string, ...unknown[]]> = []
  initializeResult: () => Promise<void> = async () => undefined
  sendResult: (chatId: string, content: SendArguments['content'], options?: MessageSendOptions) => Promise<unknown> = async () => undefined
  messageById: (id: string) => Promise<unknown> = async () => null
  pairingCode: () => Promise<string> = async () => 'ABCD1234'

  constructor(readonly options: WwebClientOptions) {
    super()
  }

  async initialize(): Promise<void> {
    this.calls.push(['initialize'])
    this.pupBrowser = new FakeBrowser()
    this.pupPage = new EventEmitter() as EventEmitter & PageLike
    await this.initializeResult()
  }

  async destroy(): Promise<void> {
    this.calls.push(['destroy'])
    this.pupBrowser?.close()
  }

  async logout(): Promise<void> {
    this.calls.push(['logout'])
    this.emit('disconnected', 'LOGOUT')
    this.pupBrowser?.close()
  }

  requestPairingCode(phoneNumber: string): Promise<string> {
    this.calls.push(['requestPairingCode', phoneNumber])
    return this.pairingCode()
  }

  sendMessage(chatId: string, content: SendArguments['content'], options?: MessageSendOptions): Promise<unknown> {
    this.calls.push(['sendMessage', chatId, content, options])
    return this.sendResult(chatId, content, options)
  }

  getMessageById(messageId: string): Promise<unknown> {
    this.calls.push(['getMessageById', messageId])
    return this.messageById(messageId)
  }
}
