import { AppError, type ErrorDetails } from '../errors/app-error.ts'

/** A plugin refused or failed; `code` says why and the message names the plugin. */
export class PluginError extends AppError {
  readonly pluginId: string | undefined

  constructor(code: string, pluginId: string | undefined, message: string, details?: ErrorDetails, cause?: unknown) {
    super(code, pluginId ? `plugin "${pluginId}": ${message}` : message, { status: 500, expose: true, details, cause })
    this.pluginId = pluginId
  }
}
