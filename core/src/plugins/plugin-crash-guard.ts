import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Logger } from '../logging/create-logger.ts'
import { PluginError } from './plugin-error.ts'
import type { PluginHost } from './plugin-host.ts'
import type { PluginRecord } from './plugin-record.ts'

type CrashKind = 'uncaughtException' | 'unhandledRejection'

/**
 * The plugin an error escaped from, outside any handler the kernel wraps (a throw in a plugin's
 * timer, a promise it left without a catch): the plugin named by a PluginError, else the first
 * stack frame inside a plugin's folder.
 */
export function crashingPlugin(error: unknown, records: readonly PluginRecord[]): PluginRecord | undefined {
  if (error instanceof PluginError && error.pluginId) return records.find((record) => record.id === error.pluginId)
  const stack = error instanceof Error ? (error.stack ?? '') : ''
  for (const line of stack.split('\n').slice(1)) {
    const location = /\((.+?):\d+:\d+\)$|at (.+?):\d+:\d+$/.exec(line.trim())
    const file = location?.[1] ?? location?.[2]
    if (!file) continue
    const filePath = file.startsWith('file://') ? fileURLToPath(file) : file
    const owner = records.find((record) => filePath.startsWith(record.dir + path.sep) && !filePath.includes(`${path.sep}node_modules${path.sep}@waqtor${path.sep}`))
    if (owner) return owner
  }
  return undefined
}

/**
 * For the `npm start` process: an error a plugin lets escape fails that plugin (PLUGIN_CRASHED,
 * its registrations undone) and WaQtor keeps serving, instead of Node ending the process. A
 * rejection no plugin can be blamed for is logged; an exception no plugin can be blamed for still
 * ends the process through `onFatal`, as Node would. Returns the uninstaller.
 */
export function installPluginCrashGuard(host: PluginHost, logger: Logger, onFatal: (error: unknown) => void): () => void {
  const handle = (kind: CrashKind) => (error: unknown) => {
    const record = crashingPlugin(error, host.list())
    if (record && record.status !== 'failed' && record.status !== 'disabled') {
      const message = error instanceof Error ? error.message : String(error)
      void host.failRunning(record.id, new PluginError('PLUGIN_CRASHED', record.id, `let an error escape (${kind}): ${message}`, { kind }, error))
      return
    }
    if (record) return // already failed: what is left of it is being undone
    if (kind === 'unhandledRejection') {
      logger.error({ code: 'UNHANDLED_REJECTION', err: error }, 'a promise was rejected and nothing handled it')
      return
    }
    onFatal(error)
  }
  const onException = handle('uncaughtException')
  const onRejection = handle('unhandledRejection')
  process.on('uncaughtException', onException)
  process.on('unhandledRejection', onRejection)
  return () => {
    process.off('uncaughtException', onException)
    process.off('unhandledRejection', onRejection)
  }
}
