import type { Disposer } from '../bus/bus-types.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { PluginManifest } from '../plugins/plugin-manifest.ts'
import type { ChatOwnerStore } from './chat-owner-store.ts'
import type { ResponderChain } from './responder-chain.ts'
import type { PluginResponders } from './responder-types.ts'

/** The priority of a declared responder without one: after the documented bands (100-400). */
export const DEFAULT_RESPONDER_PRIORITY = 1000

export interface PluginRespondersInput {
  pluginId: string
  manifest: PluginManifest
  chain: ResponderChain
  owners: ChatOwnerStore
  isEnabledFor: (sessionId: string) => boolean
  /** Tracks a registration so the kernel disposes it when the plugin stops. */
  track: (dispose: Disposer) => Disposer
}

/** `plugin.responders`: registrations must match `contributes.responders`, which sets their priority. */
export function createPluginResponders(input: PluginRespondersInput): PluginResponders {
  const { pluginId, manifest, chain, owners, isEnabledFor, track } = input
  const declared = new Map((manifest.contributes?.responders ?? []).map((declaration) => [declaration.id, declaration.priority ?? DEFAULT_RESPONDER_PRIORITY]))
  const registered = new Set<string>()
  const requireEnabled = (sessionId: string) => {
    if (!isEnabledFor(sessionId)) {
      throw new PluginError('PLUGIN_SESSION_NOT_ENABLED', pluginId, `is not enabled for session "${sessionId}": it may not own its chats`, { sessionId })
    }
  }

  return {
    register(id, handler) {
      const priority = declared.get(id)
      if (priority === undefined) {
        const known = [...declared.keys()].join(', ') || 'none'
        throw new PluginError('PLUGIN_RESPONDER_UNDECLARED', pluginId, `responder "${id}" is not declared in contributes.responders (declared: ${known})`, { field: 'contributes.responders', responder: id })
      }
      if (typeof handler !== 'function') {
        throw new PluginError('PLUGIN_RESPONDER_INVALID', pluginId, `responder "${id}" needs a handler function`, { field: 'contributes.responders', responder: id })
      }
      if (registered.has(id)) {
        throw new PluginError('PLUGIN_RESPONDER_DUPLICATE', pluginId, `responder "${id}" is registered twice`, { field: 'contributes.responders', responder: id })
      }
      registered.add(id)
      const dispose = chain.add({ pluginId, responderId: id, priority, handler, isActiveFor: isEnabledFor })
      return track(() => {
        registered.delete(id)
        dispose()
      })
    },
    async own(sessionId, chatId, options) {
      requireEnabled(sessionId)
      return owners.own(pluginId, sessionId, chatId, options)
    },
    release: (sessionId, chatId) => owners.release(pluginId, sessionId, chatId),
    owner: (sessionId, chatId) => owners.get(sessionId, chatId),
  }
}
