import { z } from 'zod'
import type { HttpMethod, RouteSpec } from '../http/api-router.ts'
import type { PluginRecord } from './plugin-record.ts'

const documentedMethods: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete']

/**
 * Routes started plugins registered on the raw `plugin.router`, as specs for the OpenAPI document:
 * method, path and path parameters, a generic answer, and a note that nothing else is described.
 * Routes declared with `plugin.api.route` are on the same router; the registry keeps their
 * described version.
 */
export function rawPluginRoutes(records: readonly PluginRecord[]): RouteSpec[] {
  const specs: RouteSpec[] = []
  for (const record of records) {
    if (record.status !== 'started' || !record.router) continue
    for (const layer of record.router.stack) {
      const methods = documentedMethods.filter((method) => layer.methods.includes(method.toUpperCase()))
      if (methods.length === 0) continue // middleware (router.use), not a route
      const names = layer.paramNames.map((param) => String(param.name))
      if (typeof layer.path !== 'string') continue // a RegExp route has no path to show
      const path = layer.path.replace(/\{([^{}]*)\}/g, '$1').replace(/\*([A-Za-z0-9_]+)/g, ':$1')
      for (const method of methods) {
        specs.push({
          method,
          path,
          summary: `Undocumented route of plugin ${record.id}`,
          description: `Registered by the plugin "${record.id}" on plugin.router, without schemas: its query, body and answer are not described here. Needs credentials like every /api route. (Plugin authors describe routes with plugin.api.route.)`,
          tags: ['plugins', `plugin:${record.id}`],
          params: names.length > 0 ? z.object(Object.fromEntries(names.map((name) => [name, z.string()]))) : undefined,
          response: z.unknown().describe('Not described by the plugin'),
          handler: () => undefined,
        })
      }
    }
  }
  return specs
}
