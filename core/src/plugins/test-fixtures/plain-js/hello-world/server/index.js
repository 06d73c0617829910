// Plain JavaScript, no imports: the tests copy this folder outside the repository, where neither
// @waqtor/core nor zod can be resolved.
export default {
  register(plugin) {
    plugin.router.get('/hello', (ctx) => {
      ctx.body = { message: `hello from ${plugin.id}`, caller: ctx.state.principal.name }
    })
  },
}
