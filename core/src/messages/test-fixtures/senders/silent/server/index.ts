import { definePlugin } from '../../../../../plugins/define-plugin.ts'
import { capturedPlugins } from '../../../captured-plugins.ts'

export default definePlugin({
  register(plugin) {
    capturedPlugins().set(plugin.id, plugin)
  },
})
