import { z } from 'zod'
import { AppError } from '../errors/app-error.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { RouteSpec } from './api-router.ts'

const parts = ['params', 'query', 'body', 'response'] as const

/**
 * Refuses, when a route is declared, a schema the kernel cannot validate with or describe in
 * OpenAPI: anything but a zod 4 schema (zod 3 from a plugin's own `npm install zod@3`, another
 * validation library). Without this the route would register and `/api/openapi.json` would fail
 * for everyone. A zod 4 schema from a plugin's own copy of zod works.
 */
export function checkRouteSchemas(spec: RouteSpec, owner: string | undefined): void {
  for (const part of parts) {
    const schema: unknown = spec[part]
    if (schema === undefined) continue
    const route = `${String(spec.method).toUpperCase()} ${spec.path}`
    const zod4 = typeof schema === 'object' && schema !== null && '_zod' in schema && typeof (schema as { safeParse?: unknown }).safeParse === 'function'
    let reason = zod4 ? undefined : 'is not a zod 4 schema (zod 3, or another library?)'
    if (!reason) {
      try {
        z.toJSONSchema(schema as z.ZodType, { target: 'draft-2020-12', io: part === 'response' ? 'output' : 'input', unrepresentable: 'any' })
      } catch (error) {
        reason = `cannot be described in OpenAPI: ${(error as Error).message}`
      }
    }
    if (!reason) continue
    const message = `route ${route}: ${part} ${reason}; build route schemas with the z that @waqtor/core exports (import { z } from '@waqtor/core') or zod ^4`
    const details = { field: part, route }
    if (owner) throw new PluginError('PLUGIN_SCHEMA_UNSUPPORTED', owner, message, details)
    throw new AppError('ROUTE_SCHEMA_UNSUPPORTED', message, { status: 500, details })
  }
}
