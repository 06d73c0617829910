import type { JobService } from './job-service.ts'
import type { JobHandler, PluginJobs } from './job-types.ts'

/** `plugin.jobs` for one plugin: its names are its own, and its definitions go away when it stops. */
export function createPluginJobs(pluginId: string, jobs: JobService, track: (dispose: () => void) => void): PluginJobs {
  return {
    define(name, handler, options) {
      track(jobs.define(pluginId, name, handler as JobHandler, options))
    },
    enqueue: (name, payload, options) => jobs.enqueue(pluginId, name, payload, options),
    schedule: (name, cron, payload, options) => jobs.schedule(pluginId, name, cron, payload, options),
    cancel: (key) => jobs.cancel(pluginId, key),
  }
}
