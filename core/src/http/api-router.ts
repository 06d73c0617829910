import type Router from '@koa/router'
import type { z } from 'zod'
import type { Role } from '../db/entities/user.ts'
import { InputError } from '../errors/app-error.ts'
import { assertRole, requirePrincipal } from '../auth/principal.ts'
import type { ApiContext, WaqtorState } from './api-context.ts'
import type { OpenApiRegistry } from './openapi-registry.ts'
import { checkRouteSchemas } from './route-schema-check.ts'
import { toFieldIssues } from './zod-issues.ts'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Who may call a route: anyone, any authenticated caller, or callers holding one of the roles. */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[]

export interface RouteInput<P, Q, B> {
  params: P
  query: Q
  body: B
}

/**
 * A route described by schemas: inputs are validated (400 naming the field), the OpenAPI
 * document is generated from the same schemas, and responses are checked when strict.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: HttpMethod
  /** Relative to the router's mount point, in @koa/router syntax: `/users/:id`. */
  path: string
  summary: string
  description?: string
  tags?: string[]
  access?: RouteAccess
  params?: z.ZodType<P>
  query?: z.ZodType<Q>
  body?: z.ZodType<B>
  /** Success status, 200 unless given. 204 sends no body. */
  status?: number
  response?: z.ZodType<R>
  /** Error responses worth documenting beyond 400/401/403/429. */
  errors?: Record<number, string>
  handler: (ctx: ApiContext, input: RouteInput<P, Q, B>) => Promise<R> | R
}

export interface ApiRouterOptions {
  /** Full path prefix where `router` is mounted, for the OpenAPI document. */
  basePath: string
  registry: OpenApiRegistry
  /** Validate every response against its schema (on in tests, so the docs cannot drift). */
  strictResponses: boolean
  /** The plugin whose routes these are: an unusable schema then fails that plugin (PLUGIN_SCHEMA_UNSUPPORTED). */
  owner?: string
}

export class ApiRouter {
  readonly router: Router<WaqtorState>
  private readonly options: ApiRouterOptions

  constructor(router: Router<WaqtorState>, options: ApiRouterOptions) {
    this.router = router
    this.options = options
  }

  route<P, Q, B, R>(spec: RouteSpec<P, Q, B, R>): void {
    checkRouteSchemas(spec as RouteSpec, this.options.owner)
    this.options.registry.add(this.options.basePath, spec as RouteSpec)
    const strict = this.options.strictResponses
    this.router[spec.method](spec.path, async (ctx: ApiContext) => {
      checkAccess(ctx, spec.access ?? 'authenticated')
      const input = {
        params: parsePart(spec.params, ctx.params, 'params'),
        query: parsePart(spec.query, ctx.query, 'query'),
        body: parsePart(spec.body, (ctx.request as { body?: unknown }).body, 'body'),
      } as RouteInput<P, Q, B>
      const result = await spec.handler(ctx, input)
      ctx.status = spec.status ?? 200
      if (ctx.status === 204) return
      if (strict && spec.response) {
        const checked = spec.response.safeParse(result)
        if (!checked.success) {
          throw new Error(`response of ${spec.method.toUpperCase()} ${spec.path} does not match its schema: ${JSON.stringify(checked.error.issues)}`)
        }
      }
      ctx.body = result as unknown
    })
  }
}

function checkAccess(ctx: ApiContext, access: RouteAccess): void {
  if (access === 'public') return
  if (access === 'authenticated') {
    requirePrincipal(ctx.state.principal)
    return
  }
  assertRole(ctx.state.principal, access)
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, location: string): T | undefined {
  if (!schema) return undefined
  const parsed = schema.safeParse(value ?? (location === 'body' ? undefined : {}), { reportInput: true })
  if (!parsed.success) throw InputError.fields(toFieldIssues(parsed.error.issues, location))
  return parsed.data
}
