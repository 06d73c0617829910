import { definePlugin } from '../../../../../plugins/define-plugin.ts'
import { fixtureLog } from '../../../../../plugins/test-fixtures/fixture-helpers.ts'

export default definePlugin({
  register(plugin) {
    plugin.responders.register('crash', (turn) => {
      fixtureLog().push(`turn ${turn.message.body} | ${plugin.id} | throws`)
      throw new Error('broken responder')
    })
  },
})
