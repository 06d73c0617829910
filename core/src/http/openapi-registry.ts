import { z } from 'zod'
import type { RouteSpec } from './api-router.ts'

interface RegisteredRoute {
  fullPath: string
  spec: RouteSpec
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] }

export interface OpenApiInfo {
  title: string
  version: string
  description: string
}

/** Collects every schema-described route (core and plugins) and renders OpenAPI 3.1. */
export class OpenApiRegistry {
  private readonly routes: RegisteredRoute[] = []
  private readonly sources: Array<() => RouteSpec[]> = []

  add(basePath: string, spec: RouteSpec): void {
    const joined = `${basePath.replace(/\/$/, '')}${spec.path === '/' ? '' : spec.path}` || '/'
    this.routes.push({ fullPath: joined, spec })
  }

  /** Removes the routes under a prefix (a plugin that failed after registering). */
  removeUnder(basePath: string): void {
    for (let index = this.routes.length - 1; index >= 0; index--) {
      const route = this.routes[index]
      if (route && (route.fullPath === basePath || route.fullPath.startsWith(`${basePath}/`))) this.routes.splice(index, 1)
    }
  }

  /**
   * Routes known only when the document is rendered (those plugins put on their raw router), given
   * with full paths. A described route of the same method and path wins over them.
   */
  addSource(source: () => RouteSpec[]): void {
    this.sources.push(source)
  }

  document(info: OpenApiInfo): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {}
    for (const { fullPath, spec } of this.routes) {
      const openApiPath = fullPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
      const item = (paths[openApiPath] ??= {})
      item[spec.method] = operation(spec)
    }
    for (const spec of this.sources.flatMap((source) => source())) {
      const item = (paths[spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')] ??= {})
      item[spec.method] ??= operation(spec)
    }
    return {
      openapi: '3.1.0',
      info,
      jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
      paths,
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A login token from POST /api/auth/login, or an API key' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'waqtor_token' },
        },
        schemas: { Error: errorSchema },
      },
    }
  }
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
}

function operation(spec: RouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {}
  const status = String(spec.status ?? 200)
  responses[status] =
    status === '204' || !spec.response
      ? { description: 'Success' }
      : { description: 'Success', content: { 'application/json': { schema: toSchema(spec.response, 'output') } } }
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })
  if (spec.params || spec.query || spec.body) responses['400'] = errorResponse('Invalid input; details name each field')
  if (spec.access !== 'public') {
    responses['401'] = errorResponse('Missing or invalid credentials')
    responses['403'] = errorResponse('Not allowed for this role')
    responses['429'] = errorResponse('Rate limited; see Retry-After')
  }
  for (const [code, description] of Object.entries(spec.errors ?? {})) responses[code] = errorResponse(description)

  const result: Record<string, unknown> = {
    summary: spec.summary,
    tags: spec.tags ?? [],
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
    responses,
  }
  if (spec.description) result.description = spec.description
  if (spec.access === 'public') result.security = []
  else result.security = [{ bearerAuth: [] }, { apiKey: [] }, { cookieAuth: [] }]
  if (spec.body) {
    result.requestBody = { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } }
  }
  return result
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Array<Record<string, unknown>> {
  if (!schema) return []
  const json = toSchema(schema, 'input')
  const required = new Set(json.required ?? [])
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }))
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema
  delete json.$schema
  return json
}
