import { definePlugin } from '../../../../define-plugin.ts'

// The plugin itself reads its secrets: only the HTTP API hides them. This route answers the
// settings in effect so the test can see what the plugin gets (a real plugin never answers a secret).
export default definePlugin({
  register(plugin) {
    plugin.router.get('/config/:sessionId', (ctx) => {
      ctx.body = plugin.sessionConfig(ctx.params.sessionId ?? '')
    })
  },
})
