import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from './load-config.ts'

let cwd: string

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'waqtor-config-'))
})
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true })
})

function writeJson(name: string, value: unknown): string {
  const file = path.join(cwd, name)
  writeFileSync(file, JSON.stringify(value))
  return file
}

describe('loadConfig defaults', () => {
  it('runs with no settings at all, on port 8080 with ./data under the working directory', () => {
    const config = loadConfig({ env: {}, cwd })
    for (const unset of ['databaseUrl', 'adminEmail', 'adminPassword', 'chromePath'] as const) expect(config[unset]).toBeUndefined()
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: path.join(cwd, 'data'),
      pluginDirs: [],
      pluginPackages: [],
      disabledPlugins: [],
      builtinPlugins: true,
      plugins: {},
      logLevel: 'info',
      tokenTtlHours: 168,
      rateLimitPerMinute: 600,
      loginRateLimitPerMinute: 10,
      busMaxQueued: 10_000,
      busHandlerTimeoutMs: 30_000,
      shutdownTimeoutMs: 10_000,
      trustProxy: false,
      cookieSecure: 'auto',
      reconnectBaseDelayMs: 1000,
      reconnectMaxDelayMs: 60_000,
      reconnectMaxAttempts: 5,
      sessionStartConcurrency: 4,
      sessionMaxRssMb: 1536,
      sandboxAckDelaysMs: [200, 600, 1500, 2500],
    })
    expect(config.configFile).toBeUndefined()
  })

  it('treats an empty environment variable as not set', () => {
    expect(loadConfig({ env: { PORT: '', LOG_LEVEL: '  ' }, cwd })).toMatchObject({ port: 8080, logLevel: 'info' })
  })
})

describe('loadConfig from the environment', () => {
  it('reads numbers, text and a data folder relative to the working directory', () => {
    const config = loadConfig({
      env: { PORT: ' 3000 ', HOST: '127.0.0.1', WAQTOR_DATA_DIR: 'var/waqtor', LOG_LEVEL: 'debug', WAQTOR_SHUTDOWN_TIMEOUT_MS: '2500', DATABASE_URL: 'postgres://waqtor@db:5432/waqtor' },
      cwd,
    })
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: path.join(cwd, 'var/waqtor'), logLevel: 'debug', shutdownTimeoutMs: 2500, databaseUrl: 'postgres://waqtor@db:5432/waqtor' })
  })

  it('keeps an absolute data folder as it is', () => {
    const elsewhere = path.join(tmpdir(), 'waqtor-elsewhere')
    expect(loadConfig({ env: { WAQTOR_DATA_DIR: elsewhere }, cwd }).dataDir).toBe(elsewhere)
  })

  it('accepts port 0 (any free port)', () => {
    expect(loadConfig({ env: { PORT: '0' }, cwd }).port).toBe(0)
  })

  it(`splits WAQTOR_PLUGIN_DIRS on "${path.delimiter}" and the plugin lists on commas, ignoring blanks`, () => {
    const config = loadConfig({
      env: {
        WAQTOR_PLUGIN_DIRS: ['/opt/plugins', '', ' ./more '].join(path.delimiter),
        WAQTOR_PLUGINS: 'waqtor-plugin-crm, @acme/waqtor-tickets,,',
        WAQTOR_DISABLED_PLUGINS: 'smartbot , gdpr',
        WAQTOR_SANDBOX_ACK_DELAYS_MS: '0, 10,10,50',
      },
      cwd,
    })
    expect(config.sandboxAckDelaysMs).toEqual([0, 10, 10, 50])
    expect(config.pluginDirs).toEqual(['/opt/plugins', './more'])
    expect(config.pluginPackages).toEqual(['waqtor-plugin-crm', '@acme/waqtor-tickets'])
    expect(config.disabledPlugins).toEqual(['smartbot', 'gdpr'])
  })

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['No', false],
  ])('reads the boolean %j as %s', (text, value) => {
    const config = loadConfig({ env: { WAQTOR_TRUST_PROXY: text, WAQTOR_BUILTIN_PLUGINS: text }, cwd })
    expect(config.trustProxy).toBe(value)
    expect(config.builtinPlugins).toBe(value)
  })
})

describe('loadConfig from a config file', () => {
  it('reads ./waqtor.config.json from the working directory, plugin settings included', () => {
    const file = writeJson('waqtor.config.json', {
      port: 9000,
      logLevel: 'warn',
      pluginDirs: ['./my-plugins'],
      disabledPlugins: ['campaigns'],
      trustProxy: true,
      plugins: { webhooks: { retries: 3 } },
    })
    const config = loadConfig({ env: {}, cwd })
    expect(config).toMatchObject({ port: 9000, logLevel: 'warn', pluginDirs: ['./my-plugins'], disabledPlugins: ['campaigns'], trustProxy: true, configFile: file })
    expect(config.plugins).toEqual({ webhooks: { retries: 3 } })
  })

  it('reads the file WAQTOR_CONFIG names, relative to the working directory, instead of the default one', () => {
    writeJson('waqtor.config.json', { port: 9000 })
    const file = writeJson('production.json', { port: 9100 })
    const config = loadConfig({ env: { WAQTOR_CONFIG: 'production.json' }, cwd })
    expect(config.port).toBe(9100)
    expect(config.configFile).toBe(file)
  })

  it('lets the environment win over the file, setting by setting', () => {
    writeJson('waqtor.config.json', { port: 9000, host: '10.0.0.1', disabledPlugins: ['campaigns'] })
    const config = loadConfig({ env: { PORT: '7000', WAQTOR_DISABLED_PLUGINS: 'gdpr' }, cwd })
    expect(config).toMatchObject({ port: 7000, host: '10.0.0.1', disabledPlugins: ['gdpr'] })
  })

  it('lets explicit overrides win over both', () => {
    writeJson('waqtor.config.json', { port: 9000 })
    expect(loadConfig({ env: { PORT: '7000' }, cwd, overrides: { port: 0 } }).port).toBe(0)
  })
})
