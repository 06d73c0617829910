import { z } from 'zod'

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const booleanFromText = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes')

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

const pluginId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a kebab-case plugin id')

/**
 * Every setting WaQtor reads. Keys are the config-file names; `envNames` maps them to
 * environment variables. Defaults here are the documented defaults in the README.
 */
export const configSchema = z
  .object({
    port: positiveInt(0, 65535).default(8080),
    host: z.string().min(1).default('0.0.0.0'),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:|file:|:memory:$|[./~\w])/, 'a postgres:// URL or a SQLite file path')
      .optional(),
    adminEmail: z.email().optional(),
    adminPassword: z.string().min(12, 'at least 12 characters').max(256).optional(),
    pluginDirs: z.array(z.string().min(1)).default([]),
    pluginPackages: z.array(z.string().regex(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, 'an npm package name')).default([]),
    disabledPlugins: z.array(pluginId).default([]),
    builtinPlugins: booleanFromText.default(true),
    plugins: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    logLevel: z.enum(logLevels).default('info'),
    tokenTtlHours: positiveInt(1, 24 * 365).default(24 * 7),
    rateLimitPerMinute: positiveInt(1, 1_000_000).default(600),
    loginRateLimitPerMinute: positiveInt(1, 10_000).default(10),
    busMaxQueued: positiveInt(100, 10_000_000).default(10_000),
    busHandlerTimeoutMs: positiveInt(10, 3_600_000).default(30_000),
    shutdownTimeoutMs: positiveInt(100, 600_000).default(10_000),
    trustProxy: booleanFromText.default(false),
    cookieSecure: z.enum(['auto', 'true', 'false']).default('auto'),
  })
  .strict()

export type WaqtorConfigInput = z.input<typeof configSchema>
export type WaqtorConfig = z.output<typeof configSchema>

/** Environment variable for each config key; list values are split as noted. */
export const envNames = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'WAQTOR_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  adminEmail: 'WAQTOR_ADMIN_EMAIL',
  adminPassword: 'WAQTOR_ADMIN_PASSWORD',
  pluginDirs: 'WAQTOR_PLUGIN_DIRS',
  pluginPackages: 'WAQTOR_PLUGINS',
  disabledPlugins: 'WAQTOR_DISABLED_PLUGINS',
  builtinPlugins: 'WAQTOR_BUILTIN_PLUGINS',
  logLevel: 'LOG_LEVEL',
  tokenTtlHours: 'WAQTOR_TOKEN_TTL_HOURS',
  rateLimitPerMinute: 'WAQTOR_RATE_LIMIT_PER_MINUTE',
  loginRateLimitPerMinute: 'WAQTOR_LOGIN_RATE_LIMIT_PER_MINUTE',
  busMaxQueued: 'WAQTOR_BUS_MAX_QUEUED',
  busHandlerTimeoutMs: 'WAQTOR_BUS_HANDLER_TIMEOUT_MS',
  shutdownTimeoutMs: 'WAQTOR_SHUTDOWN_TIMEOUT_MS',
  trustProxy: 'WAQTOR_TRUST_PROXY',
  cookieSecure: 'WAQTOR_COOKIE_SECURE',
} as const satisfies Partial<Record<keyof WaqtorConfig, string>>
