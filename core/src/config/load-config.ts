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

/** What each setting accepts, in words, for the one-line error. */
const allowedValues: Partial<Record<ConfigKey, string>> = {
  port: 'an integer from 0 to 65535',
  dataDir: 'a folder path',
  databaseUrl: 'a postgres://user@host:port/db URL or a SQLite file path',
  adminEmail: 'an e-mail address',
  adminPassword: 'a password of 12 to 256 characters',
  pluginDirs: `folder paths separated by "${path.delimiter}"`,
  pluginPackages: 'npm package names separated by commas',
  disabledPlugins: 'kebab-case plugin ids separated by commas',
  builtinPlugins: 'true or false',
  logLevel: logLevels.join(', '),
  tokenTtlHours: 'an integer number of hours from 1 to 8760',
  rateLimitPerMinute: 'an integer from 1 to 1000000',
  loginRateLimitPerMinute: 'an integer from 1 to 10000',
  busMaxQueued: 'an integer from 100 to 10000000',
  busHandlerTimeoutMs: 'milliseconds from 10 to 3600000',
  shutdownTimeoutMs: 'milliseconds from 100 to 600000',
  trustProxy: 'true or false',
  cookieSecure: 'auto, true or false',
}

const listKeys: Partial<Record<ConfigKey, string>> = {
  pluginDirs: path.delimiter,
  pluginPackages: ',',
  disabledPlugins: ',',
}

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
    const separator = listKeys[key]
    raw[key] = separator ? splitList(text, separator) : text.trim()
    sources.set(key, envName)
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) continue
    raw[key] = value
    sources.set(key, key)
  }

  const parsed = configSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError(describeIssue(parsed.error.issues[0], raw, sources, file))
  const dataDir = path.resolve(cwd, parsed.data.dataDir)
  return { ...parsed.data, dataDir, configFile: file }
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
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${file} is not valid JSON (${(error as Error).message})`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`Invalid configuration: ${file} must hold a JSON object`)
  }
  return { file, values: parsed as Record<string, unknown> }
}

function describeIssue(
  issue: z.core.$ZodIssue | undefined,
  raw: Record<string, unknown>,
  sources: Map<string, string>,
  file: string | undefined,
): string {
  if (!issue) return 'Invalid configuration'
  if (issue.code === 'unrecognized_keys') {
    return `Invalid configuration: unknown setting ${issue.keys.map((key) => `"${key}"`).join(', ')} in ${file ?? 'the configuration'}; allowed settings: ${Object.keys(configSchema.shape).join(', ')}`
  }
  const key = String(issue.path[0] ?? '')
  const source = sources.get(key) ?? key
  const allowed = allowedValues[key as ConfigKey]
  const got = raw[key] === undefined ? 'nothing' : JSON.stringify(raw[key])
  const detail = allowed ? `must be ${allowed}` : issue.message
  return `Invalid configuration: ${source} ${detail} (got ${got})`
}
