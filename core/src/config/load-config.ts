import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'
import { configSchema, envNames, logLevels, type WaqtorConfig } from './config-schema.ts'

/** Thrown when configuration is invalid; its message is one line fit to print before exiting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

type ConfigKey = keyof WaqtorConfig

/**
 * What each setting accepts, in words, for the one-line error. For a list setting this names its
 * items: the message adds "separated by ..." (environment) or "an array of ..." (config file).
 */
const allowedValues: Record<ConfigKey, string> = {
  port: 'an integer from 0 to 65535',
  host: 'a host name or IP address to listen on',
  dataDir: 'a folder path',
  databaseUrl: 'a postgres://user@host:port/db URL or a SQLite file path',
  adminEmail: 'an e-mail address',
  adminPassword: 'a password of 12 to 256 characters',
  pluginDirs: 'folder paths',
  pluginPackages: 'npm package names',
  disabledPlugins: 'kebab-case plugin ids',
  builtinPlugins: 'true or false',
  plugins: 'an object mapping plugin ids to objects of their settings',
  logLevel: `one of ${logLevels.join(', ')}`,
  tokenTtlHours: 'an integer number of hours from 1 to 8760',
  rateLimitPerMinute: 'an integer from 1 to 1000000',
  loginRateLimitPerMinute: 'an integer from 1 to 10000',
  busMaxQueued: 'an integer from 100 to 10000000',
  busHandlerTimeoutMs: 'an integer number of milliseconds from 10 to 3600000',
  shutdownTimeoutMs: 'an integer number of milliseconds from 100 to 600000',
  trustProxy: 'true or false',
  cookieSecure: 'auto, true or false',
  reconnectBaseDelayMs: 'an integer number of milliseconds from 10 to 600000',
  reconnectMaxDelayMs: 'an integer number of milliseconds from 10 to 3600000',
  reconnectMaxAttempts: 'an integer from 0 to 1000 (0: never reconnect)',
  sessionStartConcurrency: 'an integer from 1 to 100',
  sessionMaxRssMb: 'an integer number of megabytes from 0 (no limit) to 65536',
  chromePath: 'the path of a Chromium or Chrome executable',
  mediaMaxMb: 'an integer number of megabytes from 1 to 100',
  outboundAllowPrivate: 'true or false',
  sandboxAckDelaysMs: 'four non-decreasing millisecond delays (server, device, read, played)',
  sandboxQrRotateMs: 'an integer number of milliseconds from 10 to 600000',
  realtimeOrigins: 'origins such as https://panel.example.com (or *)',
  realtimeHmacSecret: 'a secret of 16 to 512 characters',
  realtimeHmacWindowSeconds: 'an integer number of seconds from 1 to 86400',
  realtimeEmitsPerSecond: 'an integer from 1 to 10000',
  realtimeEmitsBurst: 'an integer from 1 to 100000',
  realtimeMaxPayloadBytes: 'an integer number of bytes from 1024 to 104857600',
  realtimeDeflate: 'true or false',
  realtimePingIntervalMs: 'an integer number of milliseconds from 1000 to 600000',
  realtimePingTimeoutMs: 'an integer number of milliseconds from 1000 to 600000',
  realtimeSoftBufferedEvents: 'an integer from 1 to 1000000',
  realtimeMaxBufferedEvents: 'an integer from 2 to 1000000',
  realtimeCredentialRecheckSeconds: 'an integer number of seconds from 1 to 86400',
  governorMessagesPerMinute: 'an integer from 1 to 10000',
  governorJitterMinMs: 'an integer number of milliseconds from 0 to 600000',
  governorJitterMaxMs: 'an integer number of milliseconds from 0 to 600000',
  governorSandboxMessagesPerMinute: 'an integer from 1 to 10000',
  listReplyWindowMinutes: 'an integer number of minutes from 1 to 43200',
  jobsPollIntervalMs: 'an integer number of milliseconds from 10 to 86400000',
  jobsLeaseMs: 'an integer number of milliseconds from 1000 to 3600000',
  jobsConcurrency: 'an integer from 1 to 1000',
  jobsRetentionHours: 'an integer number of hours from 1 to 87600',
  filesMaxMb: 'an integer number of megabytes from 1 to 2048',
  filesAllowedTypes: 'MIME types such as image/png or image/*',
  filesSigningSecret: 'a secret of 32 to 512 characters',
  filesUrlMaxTtlSeconds: 'an integer number of seconds from 10 to 604800',
}

/** Settings that are lists: split from one environment variable, arrays in the config file. */
const listKeys = {
  pluginDirs: { separator: path.delimiter, separatorName: `"${path.delimiter}"` },
  pluginPackages: { separator: ',', separatorName: 'commas' },
  disabledPlugins: { separator: ',', separatorName: 'commas' },
  sandboxAckDelaysMs: { separator: ',', separatorName: 'commas' },
  realtimeOrigins: { separator: ',', separatorName: 'commas' },
  filesAllowedTypes: { separator: ',', separatorName: 'commas' },
} as const satisfies Partial<Record<ConfigKey, { separator: string; separatorName: string }>>
type ListKey = keyof typeof listKeys

/** Values never echoed back in an error message. */
const secretKeys = new Set<string>(['adminPassword', 'realtimeHmacSecret', 'filesSigningSecret'])

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Values that win over the environment and the file (used by tests and embedders). */
  overrides?: Partial<Record<ConfigKey, unknown>>
}

export interface LoadedConfig extends WaqtorConfig {
  /** `dataDir` made absolute. */
  dataDir: string
  /** The file the settings came from, if any. */
  configFile: string | undefined
}

/**
 * Reads settings from (lowest to highest priority) the config file named by `WAQTOR_CONFIG`
 * or `./waqtor.config.json`, the environment, and explicit overrides; validates them together.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  const { file, values: fileValues } = readConfigFile(env, cwd)
  const sources = new Map<string, string>()
  const raw: Record<string, unknown> = {}

  for (const [key, value] of Object.entries(fileValues)) {
    raw[key] = value
    sources.set(key, `${key} in ${file}`)
  }
  for (const [key, envName] of Object.entries(envNames) as Array<[ConfigKey, string]>) {
    const text = env[envName]
    if (text === undefined || text.trim() === '') continue
    raw[key] = isListKey(key) ? splitList(text, listKeys[key].separator) : text.trim()
    sources.set(key, envName)
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) continue
    raw[key] = value
    sources.set(key, key)
  }

  const parsed = configSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError(describeIssue(parsed.error.issues[0], raw, sources, file, env))
  const dataDir = path.resolve(cwd, parsed.data.dataDir)
  return { ...parsed.data, dataDir, configFile: file }
}

function isListKey(key: string): key is ListKey {
  return Object.hasOwn(listKeys, key)
}

function splitList(text: string, separator: string): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

function readConfigFile(env: NodeJS.ProcessEnv, cwd: string): { file: string | undefined; values: Record<string, unknown> } {
  const named = env.WAQTOR_CONFIG?.trim()
  const file = named ? path.resolve(cwd, named) : path.resolve(cwd, 'waqtor.config.json')
  if (!existsSync(file)) {
    if (named) throw new ConfigError(`Invalid configuration: WAQTOR_CONFIG names ${file}, which does not exist`)
    return { file: undefined, values: {} }
  }
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`Invalid configuration: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${file} is not valid JSON (${describeJsonError(error as Error, text)})`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`Invalid configuration: ${file} must hold a JSON object of settings, like {"port": 8080}`)
  }
  return { file, values: parsed as Record<string, unknown> }
}

/** JSON.parse's message with the line and column an editor shows, instead of a character offset. */
function describeJsonError(error: Error, text: string): string {
  const message = error.message.split('\n')[0] ?? ''
  const position = /at position (\d+)/.exec(message)
  if (!position) return message
  const before = text.slice(0, Number(position[1]))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `line ${line}, column ${column}: ${message.replace(/\s*in JSON at position \d+.*$/, '')}`
}

function describeIssue(
  issue: z.core.$ZodIssue | undefined,
  raw: Record<string, unknown>,
  sources: Map<string, string>,
  file: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  if (!issue) return 'Invalid configuration'
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys.map((key) => `"${key}"${suggestKey(key)}`).join(', ')
    return `Invalid configuration: unknown setting ${unknown} in ${file ?? 'the configuration'}; allowed settings: ${Object.keys(configSchema.shape).join(', ')}`
  }
  const [first, ...rest] = issue.path.map(String)
  const key = first ?? ''
  const source = sources.get(key) ?? key
  // A whole list from the environment is shown as typed, not as the array it was split into.
  const listText = isListKey(key) && rest.length === 0 && source === envNames[key] ? env[source]?.trim() : undefined
  const got = listText === undefined ? describeValue(key, issue.path, raw) : JSON.stringify(listText)
  if (key === 'plugins' && rest.length > 0) {
    // One plugin's entry is wrong: name it rather than the whole section.
    return `Invalid configuration: ${source.replace(/^plugins/, `plugins.${rest.join('.')}`)} must be an object of that plugin's settings (got ${got})`
  }
  return `Invalid configuration: ${source} must be ${describeAllowed(key, source, env) ?? issue.message} (got ${got})`
}

function describeAllowed(key: string, source: string, env: NodeJS.ProcessEnv): string | undefined {
  const allowed = Object.hasOwn(allowedValues, key) ? allowedValues[key as ConfigKey] : undefined
  if (!allowed || !isListKey(key)) return allowed
  return source === envNames[key] && env[source] !== undefined ? `${allowed} separated by ${listKeys[key].separatorName}` : `an array of ${allowed}`
}

/** The offending value (the bad item of a list), never a secret, and never a whole plugin settings object. */
function describeValue(key: string, issuePath: PropertyKey[], raw: Record<string, unknown>): string {
  let value: unknown = raw
  for (const step of issuePath) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined
  if (value === undefined) return 'nothing'
  if (secretKeys.has(key)) return typeof value === 'string' ? `${value.length} characters` : typeof value
  if (key === 'databaseUrl' && typeof value === 'string') return JSON.stringify(value.replace(/\/\/([^/:@]*):[^/@]*@/, '//$1:***@'))
  if (key === 'plugins' && value !== null && typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object'
  return JSON.stringify(value)
}

/** " (did you mean "port"?)" for `PORT` or `Port` in the config file. */
function suggestKey(unknownKey: string): string {
  const lower = unknownKey.toLowerCase()
  const match = (Object.keys(configSchema.shape) as ConfigKey[]).find(
    (key) => key.toLowerCase() === lower || (key in envNames && envNames[key as keyof typeof envNames].toLowerCase() === lower),
  )
  return match ? ` (did you mean "${match}"?)` : ''
}
