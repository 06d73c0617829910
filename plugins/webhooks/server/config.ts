/** Global settings (plugin.json `configSchema`, defaults applied by the kernel). */
export interface WebhooksConfig {
  timeoutMs: number
  maxAttempts: number
  retryBaseMs: number
  retryMaxMs: number
  maxRetryAfterMs: number
  defaultMaxConcurrency: number
  leaseMs: number
  pollIntervalMs: number
  retentionDays: number
  failedRetentionDays: number
  cleanupIntervalMs: number
}
