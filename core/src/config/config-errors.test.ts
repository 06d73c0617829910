import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './load-config.ts'

let cwd: string

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'waqtor-config-'))
})
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true })
})

/** The one-line message loadConfig fails with (and a failure if it does not fail with a ConfigError). */
function configError(env: NodeJS.ProcessEnv): string {
  let caught: unknown
  try {
    loadConfig({ env, cwd })
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ConfigError)
  const message = (caught as ConfigError).message
  expect(message).not.toContain('\n')
  expect(message).toMatch(/^Invalid configuration: /)
  return message
}

function writeFile(name: string, text: string): string {
  const file = path.join(cwd, name)
  writeFileSync(file, text)
  return file
}

describe('loadConfig errors name the setting, what it allows and what it got, in one line', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'PORT must be an integer from 0 to 65535 (got "80.5")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ WAQTOR_ADMIN_EMAIL: 'admin-at-example' }, 'WAQTOR_ADMIN_EMAIL must be an e-mail address (got "admin-at-example")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres://user@host:port/db URL or a SQLite file path (got "mysql://x")'],
    [{ WAQTOR_TRUST_PROXY: 'maybe' }, 'WAQTOR_TRUST_PROXY must be true or false (got "maybe")'],
    [{ WAQTOR_COOKIE_SECURE: 'always' }, 'WAQTOR_COOKIE_SECURE must be auto, true or false (got "always")'],
    [{ WAQTOR_TOKEN_TTL_HOURS: '0' }, 'WAQTOR_TOKEN_TTL_HOURS must be an integer number of hours from 1 to 8760 (got "0")'],
    [{ WAQTOR_DISABLED_PLUGINS: 'gdpr,Smart Bot' }, 'WAQTOR_DISABLED_PLUGINS must be kebab-case plugin ids separated by commas (got "Smart Bot")'],
    [{ WAQTOR_SANDBOX_ACK_DELAYS_MS: '100,50,200,300' }, 'WAQTOR_SANDBOX_ACK_DELAYS_MS must be four non-decreasing millisecond delays (server, device, read, played) separated by commas (got "100,50,200,300")'],
  ])('%j', (env, expected) => {
    expect(configError(env)).toBe(`Invalid configuration: ${expected}`)
  })

  it('says how long a too-short WAQTOR_ADMIN_PASSWORD is without echoing it', () => {
    const message = configError({ WAQTOR_ADMIN_PASSWORD: 'hunter2' })
    expect(message).toBe('Invalid configuration: WAQTOR_ADMIN_PASSWORD must be a password of 12 to 256 characters (got 7 characters)')
  })

  it('masks the password of a rejected DATABASE_URL', () => {
    const message = configError({ DATABASE_URL: 'mysql://waqtor:s3cret@db/waqtor' })
    expect(message).toContain('(got "mysql://waqtor:***@db/waqtor")')
    expect(message).not.toContain('s3cret')
  })
})

describe('config file errors', () => {
  it('names an unknown key, the file, and suggests the setting a misspelt key meant', () => {
    const file = writeFile('waqtor.config.json', JSON.stringify({ PORT: 8080 }))
    const message = configError({})
    expect(message).toContain(`unknown setting "PORT" (did you mean "port"?) in ${file}`)
    expect(message).toContain('allowed settings: port, host, dataDir,')
  })

  it('names an unknown key that resembles nothing', () => {
    writeFile('waqtor.config.json', JSON.stringify({ colour: 'blue' }))
    expect(configError({})).toMatch(/unknown setting "colour" in .*waqtor\.config\.json; allowed settings: /)
  })

  it('gives the line and column of invalid JSON', () => {
    const file = writeFile('waqtor.config.json', '{\n  "port": 8080\n  "host": "127.0.0.1"\n}\n')
    expect(configError({})).toMatch(new RegExp(`^Invalid configuration: ${escape(file)} is not valid JSON \\(line 3, column 3: .+\\)$`))
  })

  it('refuses a file that is not an object of settings', () => {
    const file = writeFile('waqtor.config.json', '[8080]')
    expect(configError({})).toBe(`Invalid configuration: ${file} must hold a JSON object of settings, like {"port": 8080}`)
  })

  it('names the file and the key of a bad value in it', () => {
    const file = writeFile('waqtor.config.json', JSON.stringify({ port: null }))
    expect(configError({})).toBe(`Invalid configuration: port in ${file} must be an integer from 0 to 65535 (got null)`)
  })

  it('asks for an array where the file gives a list setting as text', () => {
    const file = writeFile('waqtor.config.json', JSON.stringify({ pluginDirs: './plugins' }))
    expect(configError({})).toBe(`Invalid configuration: pluginDirs in ${file} must be an array of folder paths (got "./plugins")`)
  })

  it("names the plugin whose entry in the plugins section is not an object", () => {
    const file = writeFile('waqtor.config.json', JSON.stringify({ plugins: { webhooks: true } }))
    expect(configError({})).toBe(`Invalid configuration: plugins.webhooks in ${file} must be an object of that plugin's settings (got true)`)
  })

  it('refuses WAQTOR_CONFIG naming a missing file', () => {
    expect(configError({ WAQTOR_CONFIG: 'missing.json' })).toBe(`Invalid configuration: WAQTOR_CONFIG names ${path.join(cwd, 'missing.json')}, which does not exist`)
  })

  it('refuses WAQTOR_CONFIG naming a folder', () => {
    mkdirSync(path.join(cwd, 'conf.json'))
    expect(configError({ WAQTOR_CONFIG: 'conf.json' })).toBe(`Invalid configuration: cannot read ${path.join(cwd, 'conf.json')} (EISDIR)`)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
