import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import wweb from 'whatsapp-web.js'
import { afterEach, describe, expect, it } from 'vitest'
import { DriverError } from '../driver-contract.ts'
import { FakeWwebClient } from './test-fixtures/fake-wweb-client.ts'
import { recordingListener } from './test-fixtures/recording-listener.ts'
import { inboundText, outboundText, peer } from './test-fixtures/wweb-messages.ts'
import { WhatsAppWebDriver } from './whatsapp-web-driver.ts'

const dirs: string[] = []

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function setup(script: (client: FakeWwebClient) => void = () => undefined) {
  const sessionDir = await mkdtemp(path.join(tmpdir(), 'waqtor-wweb-unit-'))
  dirs.push(sessionDir)
  const { listener, calls } = recordingListener()
  const clients: FakeWwebClient[] = []
  const driver = new WhatsAppWebDriver(
    { sessionId: 'unit', sessionDir, phone: null, logger: pino({ level: 'silent' }), listener },
    {
      chromePath: '/nonexistent/chromium',
      createClient: (options) => {
        const client = new FakeWwebClient(options)
        script(client)
        clients.push(client)
        return client
      },
    },
  )
  return { driver, calls, clients, sessionDir, client: () => clients.at(-1)! }
}

async function readyDriver(script?: (client: FakeWwebClient) => void) {
  const context = await setup(script)
  await context.driver.start()
  context.client().emit('ready')
  return context
}

async function driverError(promise: Promise<unknown>): Promise<DriverError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(DriverError)
  return error as DriverError
}

describe('WhatsAppWebDriver with a scripted client', () => {
  it('gives whatsapp-web.js LocalAuth in the session folder and the Chromium launch options', async () => {
    const { driver, client, sessionDir } = await setup()
    await driver.start()
    expect(client().options).toMatchObject({ dataPath: sessionDir, clientId: 'waqtor', puppeteer: { executablePath: '/nonexistent/chromium', pipe: true, headless: true } })
    expect(client().options.puppeteer.signal).toBeInstanceOf(AbortSignal)
  })

  it('turns a failed initialize into DRIVER_START_FAILED and closes the browser', async () => {
    const { driver, client } = await setup((fake) => (fake.initializeResult = () => Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/'))))
    const error = await driverError(driver.start())
    expect(error.code).toBe('DRIVER_START_FAILED')
    expect(error.message).toContain('net::ERR_NAME_NOT_RESOLVED')
    expect(client().calls.map(([name]) => name)).toEqual(['initialize', 'destroy'])
    expect(client().options.puppeteer.signal?.aborted).toBe(true)
    await driver.stop()
    await driver.stop()
  })

  it('refuses to send or react before the session is ready', async () => {
    const { driver } = await setup()
    await driver.start()
    expect((await driverError(driver.send(peer, { type: 'text', text: 'hi' }, {}))).code).toBe('DRIVER_NOT_READY')
    expect((await driverError(driver.react('x', '👍'))).code).toBe('DRIVER_NOT_READY')
  })

  it('sends through sendMessage and returns the normalized sent message', async () => {
    const { driver, client } = await readyDriver((fake) => (fake.sendResult = async () => outboundText()))
    const sent = await driver.send(peer, { type: 'image', media: { mimetype: 'image/png', data: 'iVBORw0KGgo=', filename: null }, caption: 'see' }, { quotedMessageId: 'false_x@c.us_Q' })
    const [, chatId, content, options] = client().calls.find(([name]) => name === 'sendMessage')!
    expect(chatId).toBe(peer)
    expect(content).toBeInstanceOf(wweb.MessageMedia)
    expect(options).toEqual({ caption: 'see', quotedMessageId: 'false_x@c.us_Q' })
    expect(sent).toMatchObject({ id: `true_${peer}_3EB0F00D00000000AAAA`, fromMe: true, chatId: peer })
  })

  it('maps send failures to DRIVER_SEND_FAILED', async () => {
    const { driver, client } = await readyDriver()
    client().sendResult = () => Promise.reject(new Error('Evaluation failed: chat not found'))
    const failed = await driverError(driver.send(peer, { type: 'text', text: 'hi' }, {}))
    expect(failed).toMatchObject({ code: 'DRIVER_SEND_FAILED', message: expect.stringContaining('chat not found') })
    client().sendResult = async () => undefined
    expect((await driverError(driver.send(peer, { type: 'text', text: 'hi' }, {}))).code).toBe('DRIVER_SEND_FAILED')
    expect((await driverError(driver.send('966501234567', { type: 'text', text: 'hi' }, {}))).code).toBe('DRIVER_SEND_FAILED')
  })

  it('reacts through the message found by id, or says it is not found', async () => {
    const { driver, client } = await readyDriver()
    const reactions: string[] = []
    client().messageById = async (id) => (id === 'known' ? { react: async (emoji: string) => void reactions.push(emoji) } : null)
    await driver.react('known', '🎉')
    expect(reactions).toEqual(['🎉'])
    expect((await driverError(driver.react('unknown', '🎉'))).code).toBe('DRIVER_MESSAGE_NOT_FOUND')
    client().messageById = () => Promise.reject(new Error('Evaluation failed: Error: Invalid serialized message id specified'))
    expect((await driverError(driver.react('bad', '🎉'))).code).toBe('DRIVER_MESSAGE_NOT_FOUND')
    client().messageById = () => Promise.reject(new Error('Protocol error: Target closed'))
    expect((await driverError(driver.react('known', '🎉'))).code).toBe('DRIVER_REACT_FAILED')
  })

  it('asks for a pairing code with the digits of the number, only while not logged in', async () => {
    const { driver, client } = await setup()
    await driver.start()
    expect(await driver.requestPairingCode('+966 50 123 4567')).toBe('ABCD1234')
    expect(client().calls).toContainEqual(['requestPairingCode', '966501234567'])
    expect((await driverError(driver.requestPairingCode('12'))).code).toBe('DRIVER_BAD_PHONE')
    client().pairingCode = () => Promise.reject(new Error('rate-overlimit'))
    expect((await driverError(driver.requestPairingCode('966501234567'))).code).toBe('DRIVER_PAIRING_FAILED')
    client().emit('ready')
    expect((await driverError(driver.requestPairingCode('966501234567'))).code).toBe('DRIVER_ALREADY_PAIRED')
  })

  it('reports a crashed browser once as a disconnect, and nothing after stop', async () => {
    const { driver, client, calls } = await readyDriver()
    client().emit('disconnected', 'CONFLICT')
    client().pupBrowser!.close() // whatsapp-web.js closes the browser after a disconnect
    expect(calls.filter(([name]) => name === 'disconnected')).toEqual([['disconnected', 'CONFLICT']])

    const second = await readyDriver()
    second.client().pupBrowser!.close()
    expect(second.calls.at(-1)).toEqual(['disconnected', 'BROWSER_CLOSED'])
    await driver.stop()
    client().emit('message', inboundText())
    expect(calls.filter(([name]) => name === 'message')).toEqual([])
  })

  it('stops quietly: no disconnect is reported for its own browser close', async () => {
    const { driver, client, calls } = await readyDriver()
    await driver.stop()
    expect(client().calls.map(([name]) => name)).toEqual(['initialize', 'destroy'])
    expect(calls.map(([name]) => name)).toEqual(['ready'])
    expect(await driver.resourceUsage()).toBeNull()
  })

  it('logs out without reporting an auth failure and forgets the login', async () => {
    const { driver, client, calls, sessionDir } = await readyDriver()
    const profile = path.join(sessionDir, 'session-waqtor')
    await mkdir(profile, { recursive: true })
    await driver.logout()
    expect(client().calls.map(([name]) => name)).toContain('logout')
    expect(calls.map(([name]) => name)).toEqual(['ready'])
    expect(existsSync(profile)).toBe(false)
  })

  it('can start again after a stop, with a new client', async () => {
    const { driver, clients } = await setup()
    await driver.start()
    expect((await driverError(driver.start())).code).toBe('DRIVER_ALREADY_STARTED')
    await driver.stop()
    await driver.start()
    expect(clients).toHaveLength(2)
  })
})
