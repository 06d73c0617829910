// Installed under node_modules/@acme/waqtor-plugin-x by the test; imports nothing.
export default {
  register(plugin) {
    plugin.router.get('/status', (ctx) => {
      ctx.body = { plugin: plugin.id, from: 'npm' }
    })
  },
}
