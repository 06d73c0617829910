// A global plugin in plain JavaScript: it receives the test event of every session.
const thingHappened = { name: 'test.thing.happened' }

export default {
  register(plugin) {
    const received = []
    plugin.bus.on(thingHappened, (thing) => {
      received.push(thing.label)
    }, { id: 'echo' })
    plugin.router.get('/received', (ctx) => {
      ctx.body = { items: received }
    })
  },
}
