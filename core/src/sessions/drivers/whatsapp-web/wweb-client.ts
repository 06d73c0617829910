import path from 'node:path'
import wweb from 'whatsapp-web.js'
import type { MessageSendOptions } from 'whatsapp-web.js'
import type { ChromiumLaunchOptions } from './chromium-launch.ts'
import type { ClientEventSource } from './event-normalizer.ts'
import type { SendArguments } from './outgoing-content.ts'

const { Client, LocalAuth } = wweb

/** The parts of puppeteer's Browser and Page the driver uses. */
export interface BrowserLike {
  process(): { pid?: number | undefined } | null
  isConnected(): boolean
  on(event: 'disconnected', handler: () => void): unknown
}

export interface PageLike {
  /** Puppeteer's 'error' event: the page's renderer crashed (e.g. out of memory). */
  on(event: 'error', handler: (error: Error) => void): unknown
}

/** The whatsapp-web.js `Client` as the driver sees it; tests pass a fake with the same shape. */
export interface WwebClientLike extends ClientEventSource {
  readonly pupBrowser?: BrowserLike | null
  readonly pupPage?: PageLike | null
  initialize(): Promise<void>
  destroy(): Promise<void>
  logout(): Promise<void>
  requestPairingCode(phoneNumber: string): Promise<string>
  sendMessage(chatId: string, content: SendArguments['content'], options?: MessageSendOptions): Promise<unknown>
  getMessageById(messageId: string): Promise<unknown>
}

export interface WwebClientOptions {
  /** LocalAuth keeps the Chromium profile (the login) in `<dataPath>/session-<clientId>`. */
  dataPath: string
  clientId: string
  puppeteer: ChromiumLaunchOptions
}

export type CreateWwebClient = (options: WwebClientOptions) => WwebClientLike

export const createWwebClient: CreateWwebClient = (options) =>
  new Client({
    authStrategy: new LocalAuth({ clientId: options.clientId, dataPath: options.dataPath }),
    puppeteer: options.puppeteer,
  })

/** The folder LocalAuth gives Chromium as its profile (`--user-data-dir`), computed as LocalAuth does. */
export function profileDirOf(dataPath: string, clientId: string): string {
  return path.join(path.resolve(dataPath), `session-${clientId}`)
}
