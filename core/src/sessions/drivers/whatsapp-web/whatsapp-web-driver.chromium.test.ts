import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DriverError } from '../driver-contract.ts'
import { resolveChromiumPath } from './chromium-launch.ts'
import { createWhatsAppWebDriver, type WhatsAppWebDriverOptions } from './index.ts'
import { recordingListener } from './test-fixtures/recording-listener.ts'
import { processesMentioning } from './test-fixtures/processes-mentioning.ts'

/**
 * The driver against the real whatsapp-web.js and the system's Chromium. These machines cannot reach
 * WhatsApp Web: the page load fails, which is what the start-failure test relies on.
 */
const chromium = resolveChromiumPath(undefined)
const dirs: string[] = []

async function newDriver(options: WhatsAppWebDriverOptions = {}) {
  const sessionDir = await mkdtemp(path.join(tmpdir(), 'waqtor-wweb-chromium-'))
  dirs.push(sessionDir)
  const { listener, calls } = recordingListener()
  const driver = createWhatsAppWebDriver({ sessionId: 'chromium-test', sessionDir, phone: null, logger: pino({ level: 'silent' }), listener }, options)
  return { driver, sessionDir, calls }
}

async function startError(start: Promise<void>): Promise<DriverError> {
  const error = await start.then(
    () => null,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(DriverError)
  return error as DriverError
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

// Required, not optional: .ci/run installs Debian's chromium; locally run `apt-get install -y chromium` or set CHROME_PATH.
if (chromium === null) throw new Error('these tests need Chromium: apt-get install -y chromium, or set CHROME_PATH')

describe('WhatsAppWebDriver with real Chromium (offline)', { timeout: 120_000 }, () => {
  /** A proxy that accepts connections and never answers: the page load hangs, so the browser stays up while starting. */
  let blackHole: Server
  const sockets = new Set<Socket>()
  let proxyArg = ''

  beforeAll(async () => {
    blackHole = createServer((socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve))
    const address = blackHole.address()
    if (address === null || typeof address === 'string') throw new Error('no proxy port')
    proxyArg = `--proxy-server=http://127.0.0.1:${address.port}`
  })

  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => blackHole.close(resolve))
  })

  it('fails to start with DRIVER_START_FAILED naming the network error, and leaves no Chromium behind', async () => {
    const { driver, sessionDir, calls } = await newDriver()
    const error = await startError(driver.start())
    expect(error.code).toBe('DRIVER_START_FAILED')
    expect(error.message).toMatch(/net::ERR_[A-Z_]+/)
    await driver.stop()
    await driver.stop()
    expect(await processesMentioning(sessionDir)).toEqual([])
    expect(calls).toEqual([])
  })

  it('leaves no Chromium when stopped right after start', async () => {
    const { driver, sessionDir } = await newDriver()
    const starting = driver.start()
    await driver.stop()
    expect((await startError(starting)).code).toBe('DRIVER_START_ABORTED')
    expect(await processesMentioning(sessionDir)).toEqual([])
  })

  it('measures the running browser and kills it when stopped while WhatsApp Web is still loading', async () => {
    const { driver, sessionDir } = await newDriver({ extraChromiumArgs: [proxyArg] })
    const starting = driver.start()
    let usage = await driver.resourceUsage()
    while (usage === null) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      usage = await driver.resourceUsage()
    }
    expect(usage.rssBytes).toBeGreaterThan(0)
    expect((await processesMentioning(sessionDir)).length).toBeGreaterThan(0)
    await driver.stop()
    expect((await startError(starting)).code).toBe('DRIVER_START_ABORTED')
    expect(await processesMentioning(sessionDir)).toEqual([])
    expect(await driver.resourceUsage()).toBeNull()
  })
})
