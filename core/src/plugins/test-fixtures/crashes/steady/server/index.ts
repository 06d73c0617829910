import { definePlugin } from '../../../../define-plugin.ts'

export default definePlugin({
  register(plugin) {
    plugin.router.get('/ping', (ctx) => {
      ctx.body = { pong: true }
    })
  },
})
