import { definePlugin, type PluginDefinition } from '../define-plugin.ts'
import { fixtureLog } from './fixture-helpers.ts'

/** A plugin that only records its lifecycle steps in the fixture log, and answers GET /ping. */
export function recordingPlugin(): PluginDefinition {
  return definePlugin({
    register(plugin) {
      fixtureLog().push(`register:${plugin.id}`)
      plugin.router.get('/ping', (ctx) => {
        ctx.body = { pong: plugin.id }
      })
    },
    start(plugin) {
      fixtureLog().push(`start:${plugin.id}`)
    },
    stop(plugin) {
      fixtureLog().push(`stop:${plugin.id}`)
    },
  })
}
