import { definePlugin } from '../../../../define-plugin.ts'

// A bug outside any handler the kernel wraps: Node would end the process.
export default definePlugin({
  register(plugin) {
    plugin.router.get('/alive', (ctx) => {
      ctx.body = { alive: true }
    })
  },
  start() {
    setTimeout(() => {
      throw new Error('the CRM answered something unexpected')
    }, 20)
  },
})
