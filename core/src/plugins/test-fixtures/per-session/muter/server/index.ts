import { definePlugin } from '../../../../define-plugin.ts'
import { thingHappened } from '../../../fixture-helpers.ts'

// Drops muted events before any handler, of any plugin, sees them (like the GDPR opt-out).
export default definePlugin({
  register(plugin) {
    plugin.bus.intercept(thingHappened, (thing) => (thing.mute ? null : undefined), { id: 'mute' })
  },
})
