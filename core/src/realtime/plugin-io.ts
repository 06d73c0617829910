import type { Principal } from '../auth/principal.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { PluginManifest } from '../plugins/plugin-manifest.ts'
import { reservedEvents, type RealtimeNamespace } from './realtime-namespace.ts'
import type { RealtimeSocket } from './realtime-types.ts'

/** A client connected to the plugin's namespace, authenticated like every realtime client. */
export interface PluginSocket {
  readonly id: string
  readonly principal: Principal
  /** Sends to this client only (under the same backpressure rules); false when it was dropped. */
  emit(event: string, payload: object, options?: { volatile?: boolean }): boolean
  disconnect(): void
  onDisconnect(listener: (reason: string) => void): void
}

/** Answers a client emit; the value it returns (or resolves to) reaches the client's ack as `{ ok: true, data }`. */
export type PluginSocketHandler = (payload: unknown, socket: PluginSocket) => unknown

/**
 * `plugin.io`: the plugin's socket.io namespace `/plugins/<id>` (declare `contributes.namespace`
 * in plugin.json). Clients connect with the same credentials, origin rules and limits as `/core`,
 * and subscribe to the topics the plugin declares with `subscribe { topics, sessionId? }`.
 */
export interface PluginIo {
  /** `/plugins/<id>`. */
  readonly namespace: string
  /** Declares a per-session topic clients of the namespace may subscribe to. */
  topic(name: string): void
  onConnection(listener: (socket: PluginSocket) => void): () => void
  /** Handles the client emit `event` (not `subscribe`/`unsubscribe` or a socket.io name). */
  on(event: string, handler: PluginSocketHandler): () => void
  /**
   * Sends `event` (named `<plugin id>.…`) to the subscribers of `topic` for `payload.sessionId`;
   * returns how many sockets it reached. `volatile` events are skipped for clients that lag behind.
   */
  emit(topic: string, event: string, payload: { sessionId: string } & object, options?: { volatile?: boolean }): number
}

/** Opens and closes plugin namespaces: implemented by the realtime server. */
export interface PluginNamespaces {
  openPluginNamespace(pluginId: string): RealtimeNamespace
  closePluginNamespace(pluginId: string): void
}

const TOPIC_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/

export function createPluginIo(pluginId: string, manifest: PluginManifest, namespaces: PluginNamespaces, track: (dispose: () => void) => void): PluginIo {
  const name = `/plugins/${pluginId}`
  let namespace: RealtimeNamespace | undefined
  if (manifest.contributes?.namespace === true) {
    namespace = namespaces.openPluginNamespace(pluginId)
    track(() => namespaces.closePluginNamespace(pluginId))
  }
  const open = (): RealtimeNamespace => {
    if (namespace) return namespace
    throw new PluginError('PLUGIN_NAMESPACE_NOT_DECLARED', pluginId, 'uses plugin.io without declaring it: add "contributes": { "namespace": true } to its plugin.json')
  }
  const views = new WeakMap<RealtimeSocket, PluginSocket>()
  const view = (socket: RealtimeSocket): PluginSocket => {
    let found = views.get(socket)
    if (!found) {
      found = pluginSocket(socket, open(), (event) => ownEvent(pluginId, event))
      views.set(socket, found)
    }
    return found
  }

  return {
    namespace: name,
    topic(topic) {
      const target = open()
      if (!TOPIC_NAME.test(topic) || topic.length > 64) {
        throw new PluginError('PLUGIN_TOPIC_INVALID', pluginId, `topic "${topic}" must be lowercase words separated by "-" or ".", at most 64 characters`)
      }
      if (target.topics.has(topic)) throw new PluginError('PLUGIN_TOPIC_DUPLICATE', pluginId, `declares topic "${topic}" twice`)
      target.addTopic({ name: topic, audience: 'session' })
    },
    onConnection(listener) {
      const dispose = open().onConnection((socket) => listener(view(socket)))
      track(dispose)
      return dispose
    },
    on(event, handler) {
      const target = open()
      if (reservedEvents.has(event)) throw new PluginError('PLUGIN_EVENT_RESERVED', pluginId, `cannot handle the reserved event "${event}"`)
      const dispose = target.handle(event, (socket, payload) => handler(payload, view(socket)))
      track(dispose)
      return dispose
    },
    emit(topic, event, payload, options) {
      const target = open()
      if (!target.topics.has(topic)) throw new PluginError('PLUGIN_TOPIC_NOT_DECLARED', pluginId, `emits to topic "${topic}", which it did not declare with plugin.io.topic()`)
      ownEvent(pluginId, event)
      return target.toSession(topic, payload.sessionId, event, payload, options?.volatile === true)
    },
  }
}

function ownEvent(pluginId: string, event: string): void {
  if (!event.startsWith(`${pluginId}.`)) {
    throw new PluginError('PLUGIN_EVENT_NOT_OWNED', pluginId, `may only emit its own events (named "${pluginId}.…"), not "${event}"`)
  }
}

function pluginSocket(socket: RealtimeSocket, namespace: RealtimeNamespace, checkEvent: (event: string) => void): PluginSocket {
  return {
    id: socket.id,
    principal: socket.data.principal,
    emit(event, payload, options) {
      checkEvent(event)
      return namespace.emitter.toSocket(socket, event, payload, options?.volatile === true)
    },
    disconnect: () => void socket.disconnect(),
    onDisconnect: (listener) => void socket.on('disconnect', (reason) => listener(reason)),
  }
}
