import { rm } from 'node:fs/promises'
import type { DriverContext, NormalizedMessage, OutgoingContent, SendOptions, SessionDriver } from '../driver-contract.ts'
import { DriverError } from '../driver-contract.ts'
import { browserRootPid, killBrowserProcesses } from './browser-cleanup.ts'
import { chromiumLaunchOptions, resolveChromiumPath } from './chromium-launch.ts'
import { attachEventNormalizer } from './event-normalizer.ts'
import { ListenerGate } from './listener-gate.ts'
import { normalizeMessage } from './normalize-message.ts'
import { toSendArguments } from './outgoing-content.ts'
import { treeMemory } from './process-tree.ts'
import { errorText, withTimeout } from './with-timeout.ts'
import { createWwebClient, profileDirOf, type CreateWwebClient, type WwebClientLike } from './wweb-client.ts'
import { record } from './wweb-fields.ts'

export interface WhatsAppWebDriverOptions {
  /** Chromium to run; falls back to CHROME_PATH, then to a system browser. */
  chromePath?: string | undefined
  /** Appended to the launch flags (e.g. `--proxy-server=…`). */
  extraChromiumArgs?: readonly string[]
  /** Builds the whatsapp-web.js client; tests pass a fake. */
  createClient?: CreateWwebClient
}

/** LocalAuth's id; the session folder is already per session, so one fixed name is enough. */
const authClientId = 'waqtor'
const destroyTimeoutMs = 10_000
const startSettleTimeoutMs = 15_000
const pairingTimeoutMs = 60_000

/** One WhatsApp account through whatsapp-web.js and a headless Chromium of its own. */
export class WhatsAppWebDriver implements SessionDriver {
  readonly kind = 'whatsapp-web'
  private client: WwebClientLike | null = null
  private abort: AbortController | null = null
  /** Settles (never rejects) when the running `initialize()` does. */
  private initializing: Promise<unknown> | null = null
  private stopping: Promise<void> | null = null
  /** Bumped by every stop(), so a start() that waited for an earlier stop notices a newer one. */
  private stops = 0
  private detach: (() => void) | null = null
  private readonly gate: ListenerGate
  private readonly profileDir: string

  constructor(
    private readonly context: DriverContext,
    private readonly options: WhatsAppWebDriverOptions = {},
  ) {
    this.profileDir = profileDirOf(context.sessionDir, authClientId)
    this.gate = new ListenerGate(context.listener)
  }

  async start(): Promise<void> {
    const stops = this.stops
    if (this.stopping) await this.stopping
    if (stops !== this.stops) throw new DriverError('DRIVER_START_ABORTED', 'the session was stopped while starting')
    if (this.client) throw new DriverError('DRIVER_ALREADY_STARTED', 'the session is already started')
    const executablePath = resolveChromiumPath(this.options.chromePath)
    if (!executablePath) throw new DriverError('DRIVER_START_FAILED', 'no Chromium found: install chromium or set CHROME_PATH')
    const abort = new AbortController()
    const client = (this.options.createClient ?? createWwebClient)({
      dataPath: this.context.sessionDir,
      clientId: authClientId,
      puppeteer: chromiumLaunchOptions(executablePath, this.options.extraChromiumArgs, abort.signal),
    })
    this.client = client
    this.abort = abort
    this.gate.reopen()
    this.detach = attachEventNormalizer(client, this.gate.listener, this.context.logger)
    const initializing = client.initialize()
    this.initializing = initializing.catch(() => undefined)
    try {
      await initializing
    } catch (error) {
      const stopped = stops !== this.stops
      // The browser may be up (a failed page load) or half launched. A stop() that gave up waiting for
      // this start has cleaned up already, and a newer start() may own the session by now.
      if (this.client === client) await this.stop()
      if (stopped) throw new DriverError('DRIVER_START_ABORTED', 'the session was stopped while starting', { cause: error })
      throw new DriverError('DRIVER_START_FAILED', `WhatsApp Web could not be opened in Chromium (${executablePath}): ${errorText(error)}`, { cause: error })
    } finally {
      if (this.client === client) this.initializing = null
    }
    if (stops !== this.stops) throw new DriverError('DRIVER_START_ABORTED', 'the session was stopped while starting')
    this.watchBrowser(client)
  }

  stop(): Promise<void> {
    this.stops++
    this.stopping ??= this.shutdown().finally(() => (this.stopping = null))
    return this.stopping
  }

  async logout(): Promise<void> {
    const client = this.client
    const loggedIn = this.gate.isReady
    this.gate.close() // our own logout is not an auth failure
    if (client && loggedIn) {
      await withTimeout(client.logout(), destroyTimeoutMs, 'logout').catch((error: unknown) => {
        this.context.logger.warn({ err: error }, 'WhatsApp logout failed; the phone may still list this device')
      })
    }
    await this.stop()
    // Without the profile the next start shows a QR code, whatever happened above.
    await rm(this.profileDir, { recursive: true, force: true, maxRetries: 3 })
  }

  async requestPairingCode(phone: string): Promise<string> {
    const digits = phone.replace(/\D/g, '')
    if (!/^\d{7,15}$/.test(digits)) throw new DriverError('DRIVER_BAD_PHONE', `cannot pair ${phone}: expected 7 to 15 digits`)
    const client = this.client
    if (!client?.pupPage || !this.gate.isOpen) throw new DriverError('DRIVER_NOT_READY', 'the session is not showing a login yet')
    if (this.gate.isReady) throw new DriverError('DRIVER_ALREADY_PAIRED', 'the session is already logged in')
    try {
      const code = await withTimeout(client.requestPairingCode(digits), pairingTimeoutMs, 'pairing code request')
      if (typeof code !== 'string' || code === '') throw new Error('WhatsApp returned no code')
      return code
    } catch (error) {
      throw new DriverError('DRIVER_PAIRING_FAILED', `could not get a pairing code: ${errorText(error)}`, { cause: error })
    }
  }

  async send(chatId: string, content: OutgoingContent, options: SendOptions): Promise<NormalizedMessage> {
    const client = this.readyClient()
    if (!chatId.includes('@')) throw new DriverError('DRIVER_SEND_FAILED', `"${chatId}" is not a chat id (expected e.g. 966501234567@c.us)`)
    const { content: payload, options: sendOptions } = toSendArguments(content, options)
    try {
      const sent = await client.sendMessage(chatId, payload, sendOptions)
      if (!sent) throw new Error(`WhatsApp found no chat ${chatId}`)
      return normalizeMessage(sent)
    } catch (error) {
      throw new DriverError('DRIVER_SEND_FAILED', `could not send to ${chatId}: ${errorText(error)}`, { cause: error })
    }
  }

  async react(messageId: string, emoji: string): Promise<void> {
    const client = this.readyClient()
    let message: unknown
    try {
      message = await client.getMessageById(messageId)
    } catch (error) {
      const invalid = /invalid serialized message id/i.test(errorText(error))
      throw new DriverError(invalid ? 'DRIVER_MESSAGE_NOT_FOUND' : 'DRIVER_REACT_FAILED', `could not find message ${messageId}: ${errorText(error)}`, { cause: error })
    }
    if (!hasReact(message)) throw new DriverError('DRIVER_MESSAGE_NOT_FOUND', `message ${messageId} is not known to this session`)
    try {
      await message.react(emoji)
    } catch (error) {
      throw new DriverError('DRIVER_REACT_FAILED', `could not react to ${messageId}: ${errorText(error)}`, { cause: error })
    }
  }

  /** Memory of the browser's process tree. `pssBytes` counts shared pages once; RSS counts them per process. */
  async resourceUsage(): Promise<{ rssBytes: number; pssBytes: number | null } | null> {
    if (!this.client) return null
    // whatsapp-web.js hands the browser over only after setting up its page; before that, find it by profile.
    const browser = this.client.pupBrowser
    const pid = (browser?.isConnected() ? browser.process()?.pid : undefined) ?? (await browserRootPid(this.profileDir))
    const usage = pid === null ? null : await treeMemory(pid)
    return usage && { rssBytes: usage.rssBytes, pssBytes: usage.pssBytes }
  }

  private async shutdown(): Promise<void> {
    this.gate.close()
    this.detach?.()
    this.detach = null
    const client = this.client
    if (client?.pupBrowser?.isConnected()) {
      // A graceful close lets Chromium flush the profile, which holds the login.
      await withTimeout(client.destroy(), destroyTimeoutMs, 'browser close').catch((error: unknown) => this.context.logger.warn({ err: error }, 'closing the browser failed'))
    }
    this.abort?.abort() // kills the browser's process group, also while puppeteer is still launching it
    if (this.initializing) await withTimeout(this.initializing, startSettleTimeoutMs, 'start').catch(() => undefined)
    const killed = await killBrowserProcesses(this.profileDir)
    if (killed > 0) this.context.logger.debug({ killed }, 'killed browser processes still running after the close')
    this.client = null
    this.abort = null
    this.initializing = null
  }

  private readyClient(): WwebClientLike {
    if (!this.client || !this.gate.isReady) throw new DriverError('DRIVER_NOT_READY', 'the WhatsApp session is not connected')
    return this.client
  }

  /** whatsapp-web.js does not notice a crashed page or browser: report those as disconnects. */
  private watchBrowser(client: WwebClientLike): void {
    const lost = (reason: string) => () => {
      if (this.client !== client || !this.gate.isOpen) return
      this.context.logger.warn({ reason }, 'the browser went away')
      this.gate.listener.disconnected(reason)
    }
    client.pupBrowser?.on('disconnected', lost('BROWSER_CLOSED'))
    client.pupPage?.on('error', lost('BROWSER_PAGE_CRASHED'))
  }
}

function hasReact(value: unknown): value is { react(emoji: string): Promise<unknown> } {
  return typeof record(value).react === 'function'
}
