// The lead form, a WaQtor plugin in plain JavaScript (ESM). It uses only the public plugin API:
// the `plugin` context and what the @waqtor/core package exports.
import { registerConversation } from './conversation.js'
import { migrations, sessionData } from './migrations.js'
import { registerPrivacy } from './privacy.js'
import { registerRoutes } from './routes.js'
import { createStore } from './store.js'

export default {
  migrations,
  sessionData,

  register(plugin) {
    const store = createStore(plugin)
    // The panel page subscribes to this topic for its session and hears new leads at once.
    plugin.io.topic('leads')
    registerConversation(plugin, store)
    registerRoutes(plugin, store)
    registerPrivacy(plugin, store)
  },

  async start(plugin) {
    await plugin.jobs.schedule('purge-lapsed', '17 * * * *', {}, { key: 'purge-lapsed' })
  },
}
