export default {
  register(plugin) {
    plugin.jobs.define('noop', () => undefined, { concurrency: 1000 })
  },
}
