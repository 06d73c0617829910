import type Koa from 'koa'
import type { Logger } from '../logging/create-logger.ts'

/** A client that went away mid-response (a closed tab, an aborted download): nothing to fix. */
const clientGoneCodes = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED'])

/**
 * Koa reports errors raised after the response started (a file stream cut short) on the app's
 * 'error' event, and prints them to stderr when nobody listens. Departed clients are ignored; the
 * rest goes to the log.
 */
export function logStreamErrors(app: Koa, logger: Logger): void {
  app.on('error', (error: Error & { code?: string; expose?: boolean; status?: number }) => {
    if (error.code && clientGoneCodes.has(error.code)) return
    if (error.expose && (error.status ?? 500) < 500) return
    logger.error({ err: error }, 'http response failed')
  })
}
