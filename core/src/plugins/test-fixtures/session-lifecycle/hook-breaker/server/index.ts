import { definePlugin } from '../../../../define-plugin.ts'
import { fixtureLog } from '../../../fixture-helpers.ts'

export default definePlugin({
  register(plugin) {
    plugin.onSessionDeleted(({ sessionId }) => {
      fixtureLog().push(`hook-breaker:hook:${sessionId}`)
      throw new Error('hook-breaker cannot clean up')
    })
  },
})
