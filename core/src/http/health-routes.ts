import type Router from '@koa/router'
import type { MikroORM } from '@mikro-orm/core'
import type { Registry } from 'prom-client'
import { assertRole } from '../auth/principal.ts'
import type { WaqtorState } from './api-context.ts'

export interface HealthDeps {
  orm: () => MikroORM | undefined
  /** True once plugins have been through start (failed plugins do not keep the node out of service). */
  started: () => boolean
  pluginSummary: () => Record<string, number>
  registry: Registry
}

export function registerHealthRoutes(router: Router<WaqtorState>, deps: HealthDeps): void {
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok', uptimeSeconds: Math.round(process.uptime()) }
  })

  router.get('/ready', async (ctx) => {
    const database = await databaseReachable(deps.orm())
    const plugins = deps.started()
    const ready = database && plugins
    ctx.status = ready ? 200 : 503
    ctx.body = { status: ready ? 'ready' : 'not-ready', checks: { database, plugins }, plugins: deps.pluginSummary() }
  })

  // Needs an admin's credentials; Prometheus can send an admin API key as a bearer token.
  router.get('/metrics', async (ctx) => {
    assertRole(ctx.state.principal, ['admin'])
    ctx.type = deps.registry.contentType
    ctx.body = await deps.registry.metrics()
  })
}

async function databaseReachable(orm: MikroORM | undefined): Promise<boolean> {
  if (!orm) return false
  try {
    await orm.em.getConnection().execute('select 1')
    return true
  } catch {
    return false
  }
}
