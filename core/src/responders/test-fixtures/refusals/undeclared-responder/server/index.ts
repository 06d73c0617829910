import { definePlugin } from '../../../../../plugins/define-plugin.ts'

export default definePlugin({
  register(plugin) {
    plugin.responders.register('sneaky', () => ({ claim: true }))
  },
})
