import { z } from 'zod'

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const booleanFromText = z
  .union([z.boolean(), z.string().trim().toLowerCase().pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes')

// A number, or digits as text (environment variables are text). Not z.coerce: it would turn
// `null`, `true` or `[]` in the config file into 0 or 1 without a word.
const positiveInt = (min: number, max: number) =>
  z
    .union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)])
    .pipe(z.number().int().min(min).max(max))

// postgres:// or a SQLite location; any other scheme (mysql://, mongodb://...) is a mistake, not a file name.
function isDatabaseLocation(value: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase()
  if (scheme === undefined || scheme === 'sqlite' || scheme === 'file') return true
  return (scheme === 'postgres' || scheme === 'postgresql') && value.length > `${scheme}://`.length
}

const databaseUrl = z.string().trim().min(1).refine(isDatabaseLocation, 'a postgres:// URL or a SQLite file path')

// A MIME type, a whole type ("image/" then a star) or any type: what plugin.files accepts (docs/plugin-api/files.md).
const mimePattern = z.string().trim().toLowerCase().regex(/^(\*\/\*|[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*))$/, 'a MIME type such as image/png or image/*')
const defaultFileTypes = ['image/*', 'audio/*', 'video/*', 'application/pdf', 'text/plain', 'text/csv', 'application/json', 'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'application/msword', 'application/vnd.ms-excel']

const pluginId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a kebab-case plugin id')

/**
 * Every setting WaQtor reads. Keys are the config-file names; `envNames` maps them to
 * environment variables. Defaults here are the ones documented in docs/configuration.md.
 */
export const configSchema = z
  .object({
    port: positiveInt(0, 65535).default(8080),
    host: z.string().trim().min(1).default('0.0.0.0'),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: databaseUrl.optional(),
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
    reconnectBaseDelayMs: positiveInt(10, 600_000).default(1_000),
    reconnectMaxDelayMs: positiveInt(10, 3_600_000).default(60_000),
    reconnectMaxAttempts: positiveInt(0, 1_000).default(5),
    sessionStartConcurrency: positiveInt(1, 100).default(4),
    sessionMaxRssMb: positiveInt(0, 65_536).default(1_536),
    chromePath: z.string().min(1).optional(),
    mediaMaxMb: positiveInt(1, 100).default(16),
    outboundAllowPrivate: booleanFromText.default(false),
    sandboxAckDelaysMs: z
      .array(positiveInt(0, 600_000))
      .length(4)
      .refine((delays) => delays.every((delay, index) => index === 0 || delay >= (delays[index - 1] ?? 0)), 'delays must not decrease')
      .default([200, 600, 1_500, 2_500]),
    sandboxQrRotateMs: positiveInt(10, 600_000).default(20_000),
    realtimeOrigins: z.array(z.string().trim().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'an origin such as https://panel.example.com, or *')).default([]),
    realtimeHmacSecret: z.string().min(16, 'at least 16 characters').max(512).optional(),
    realtimeHmacWindowSeconds: positiveInt(1, 86_400).default(300),
    realtimeEmitsPerSecond: positiveInt(1, 10_000).default(20),
    realtimeEmitsBurst: positiveInt(1, 100_000).default(40),
    realtimeMaxPayloadBytes: positiveInt(1_024, 100 * 1024 * 1024).default(64 * 1024),
    realtimeDeflate: booleanFromText.default(false),
    realtimePingIntervalMs: positiveInt(1_000, 600_000).default(25_000),
    realtimePingTimeoutMs: positiveInt(1_000, 600_000).default(20_000),
    realtimeSoftBufferedEvents: positiveInt(1, 1_000_000).default(100),
    realtimeMaxBufferedEvents: positiveInt(2, 1_000_000).default(1_000),
    realtimeCredentialRecheckSeconds: positiveInt(1, 86_400).default(30),
    jobsPollIntervalMs: positiveInt(10, 86_400_000).default(1_000),
    jobsLeaseMs: positiveInt(1_000, 3_600_000).default(30_000),
    jobsConcurrency: positiveInt(1, 1_000).default(8),
    jobsRetentionHours: positiveInt(1, 87_600).default(168),
    filesMaxMb: positiveInt(1, 2_048).default(25),
    filesAllowedTypes: z.array(mimePattern).min(1).default(defaultFileTypes),
    filesSigningSecret: z.string().min(32, 'at least 32 characters').max(512).optional(),
    filesUrlMaxTtlSeconds: positiveInt(10, 7 * 86_400).default(86_400),
    governorMessagesPerMinute: positiveInt(1, 10_000).default(20),
    governorJitterMinMs: positiveInt(0, 600_000).default(1_000),
    governorJitterMaxMs: positiveInt(0, 600_000).default(3_000),
    governorSandboxMessagesPerMinute: positiveInt(1, 10_000).default(600),
    listReplyWindowMinutes: positiveInt(1, 43_200).default(1_440),
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
  reconnectBaseDelayMs: 'WAQTOR_RECONNECT_BASE_DELAY_MS',
  reconnectMaxDelayMs: 'WAQTOR_RECONNECT_MAX_DELAY_MS',
  reconnectMaxAttempts: 'WAQTOR_RECONNECT_MAX_ATTEMPTS',
  sessionStartConcurrency: 'WAQTOR_SESSION_START_CONCURRENCY',
  sessionMaxRssMb: 'WAQTOR_SESSION_MAX_RSS_MB',
  chromePath: 'CHROME_PATH',
  mediaMaxMb: 'WAQTOR_MEDIA_MAX_MB',
  outboundAllowPrivate: 'WAQTOR_OUTBOUND_ALLOW_PRIVATE',
  sandboxAckDelaysMs: 'WAQTOR_SANDBOX_ACK_DELAYS_MS',
  sandboxQrRotateMs: 'WAQTOR_SANDBOX_QR_ROTATE_MS',
  realtimeOrigins: 'WAQTOR_REALTIME_ORIGINS',
  realtimeHmacSecret: 'WAQTOR_REALTIME_HMAC_SECRET',
  realtimeHmacWindowSeconds: 'WAQTOR_REALTIME_HMAC_WINDOW_SECONDS',
  realtimeEmitsPerSecond: 'WAQTOR_REALTIME_EMITS_PER_SECOND',
  realtimeEmitsBurst: 'WAQTOR_REALTIME_EMITS_BURST',
  realtimeMaxPayloadBytes: 'WAQTOR_REALTIME_MAX_PAYLOAD_BYTES',
  realtimeDeflate: 'WAQTOR_REALTIME_DEFLATE',
  realtimePingIntervalMs: 'WAQTOR_REALTIME_PING_INTERVAL_MS',
  realtimePingTimeoutMs: 'WAQTOR_REALTIME_PING_TIMEOUT_MS',
  realtimeSoftBufferedEvents: 'WAQTOR_REALTIME_SOFT_BUFFERED_EVENTS',
  realtimeMaxBufferedEvents: 'WAQTOR_REALTIME_MAX_BUFFERED_EVENTS',
  realtimeCredentialRecheckSeconds: 'WAQTOR_REALTIME_CREDENTIAL_RECHECK_SECONDS',
  jobsPollIntervalMs: 'WAQTOR_JOBS_POLL_INTERVAL_MS',
  jobsLeaseMs: 'WAQTOR_JOBS_LEASE_MS',
  jobsConcurrency: 'WAQTOR_JOBS_CONCURRENCY',
  jobsRetentionHours: 'WAQTOR_JOBS_RETENTION_HOURS',
  filesMaxMb: 'WAQTOR_FILES_MAX_MB',
  filesAllowedTypes: 'WAQTOR_FILES_ALLOWED_TYPES',
  filesSigningSecret: 'WAQTOR_FILES_SIGNING_SECRET',
  filesUrlMaxTtlSeconds: 'WAQTOR_FILES_URL_MAX_TTL_SECONDS',
  governorMessagesPerMinute: 'WAQTOR_GOVERNOR_MESSAGES_PER_MINUTE',
  governorJitterMinMs: 'WAQTOR_GOVERNOR_JITTER_MIN_MS',
  governorJitterMaxMs: 'WAQTOR_GOVERNOR_JITTER_MAX_MS',
  governorSandboxMessagesPerMinute: 'WAQTOR_GOVERNOR_SANDBOX_MESSAGES_PER_MINUTE',
  listReplyWindowMinutes: 'WAQTOR_LIST_REPLY_WINDOW_MINUTES',
} as const satisfies Partial<Record<keyof WaqtorConfig, string>>
