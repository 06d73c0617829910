import { z } from 'zod'
import { toFieldIssues } from '../http/zod-issues.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { PluginManifest, PluginPermission } from '../plugins/plugin-manifest.ts'
import type { GovernorStatus } from './governor/sending-governor.ts'
import type { MessageView } from './message-view.ts'
import { pluginMessageContent, pluginSendOptions, type PluginMessageContent, type PluginSendOptions } from './plugin-message-content.ts'
import type { PluginMessageService } from './plugin-message-service.ts'

export const messagesSendPermission: PluginPermission = 'messages:send'

/**
 * `plugin.messages`: send WhatsApp messages from a plugin (needs `messages:send` in plugin.json).
 * Sends are stored, ACK-tracked and emitted as `message.sent` like the API's, paced by the
 * session's sending governor, and not counted against any user's or key's rate limit.
 */
export interface PluginMessages {
  /** Waits for the session's turn in the governor, sends, and resolves to the stored message. */
  send(sessionId: string, content: PluginMessageContent, options?: PluginSendOptions): Promise<MessageView>
  /** The session's governor: settings in force, sends queued, sent in the last minute, next slot. */
  governorStatus(sessionId: string): Promise<GovernorStatus>
}

const sessionIdSchema = z.string().min(1).max(63)

/**
 * `track` registers what to undo when the plugin stops: its sends still waiting for their turn are
 * then refused (`PLUGIN_STOPPED`) instead of going out from a plugin that is gone.
 */
export function createPluginMessages(
  pluginId: string,
  manifest: PluginManifest,
  service: PluginMessageService,
  isEnabledFor: (sessionId: string) => boolean,
  track: (dispose: () => void) => void,
): PluginMessages {
  const stopped = new AbortController()
  track(() => stopped.abort(new PluginError('PLUGIN_STOPPED', pluginId, 'stopped before its message could be sent')))
  const assertEnabled = (id: string) => {
    if (!isEnabledFor(id)) {
      throw new PluginError('PLUGIN_SESSION_NOT_ENABLED', pluginId, `is not enabled for session "${id}": an admin switches it on in the session's plugins`, { sessionId: id })
    }
  }
  const assertPermission = (method: string) => {
    if (!manifest.permissions?.includes(messagesSendPermission)) {
      throw new PluginError(
        'PLUGIN_PERMISSION_MISSING',
        pluginId,
        `cannot use messages.${method}() without the "${messagesSendPermission}" permission: add it to "permissions" in its plugin.json`,
        { permission: messagesSendPermission },
      )
    }
  }

  return {
    async send(sessionId, content, options = {}) {
      // Everything before the first await runs when the plugin calls: the turn is taken in call order.
      assertPermission('send')
      const id = parse(pluginId, 'send', sessionIdSchema, sessionId, 'sessionId')
      const parsed = parse(pluginId, 'send', pluginMessageContent, content, 'content')
      const { idempotencyKey, signal } = parse(pluginId, 'send', pluginSendOptions, options, 'options')
      if (stopped.signal.aborted) throw stopped.signal.reason
      const turn = service.governor.reserve(id, signal ? AbortSignal.any([signal, stopped.signal]) : stopped.signal)
      try {
        await service.assertSession(id)
        assertEnabled(id)
      } catch (error) {
        turn.abandon()
        throw error
      }
      // Switched off for the session while the send waited: it does not go out.
      return service.send(pluginId, id, parsed, { idempotencyKey, turn, beforeSend: () => assertEnabled(id) })
    },
    async governorStatus(sessionId) {
      assertPermission('governorStatus')
      const id = parse(pluginId, 'governorStatus', sessionIdSchema, sessionId, 'sessionId')
      await service.assertSession(id)
      assertEnabled(id)
      return service.governor.status(id)
    },
  }
}

function parse<T extends z.ZodType>(pluginId: string, method: string, schema: T, input: unknown, location: string): z.output<T> {
  const parsed = schema.safeParse(input, { reportInput: true })
  if (parsed.success) return parsed.data
  const issues = toFieldIssues(parsed.error.issues, location)
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')
  throw new PluginError('PLUGIN_MESSAGE_INVALID', pluginId, `messages.${method}() got invalid input: ${summary}`, issues.map((issue) => ({ ...issue })))
}
