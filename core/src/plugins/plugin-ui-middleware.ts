import type { Middleware } from 'koa'
import send from 'koa-send'
import { AppError, NotFoundError } from '../errors/app-error.ts'
import type { WaqtorState } from '../http/api-context.ts'
import { pluginUiPrefix, servedAdminModule } from './plugin-admin-module.ts'
import type { PluginHost } from './plugin-host.ts'

/**
 * Serves `GET /plugin-ui/<pluginId>/<file>` from the folder of a started plugin's admin module, so
 * the panel can `import()` the pages of a plugin installed after the panel was built. Public, like
 * the panel's own files: they are code, not data, and every API call they make needs credentials.
 * `no-cache`: a plugin updated in place must be picked up at the next load.
 */
export function pluginUiMiddleware(host: PluginHost): Middleware<WaqtorState> {
  return async (ctx, next) => {
    if (ctx.path !== pluginUiPrefix && !ctx.path.startsWith(`${pluginUiPrefix}/`)) return next()
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      throw new AppError('METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}; allowed: GET, HEAD`, { status: 405, details: { allow: ['GET', 'HEAD'] } })
    }
    const rest = ctx.path.slice(pluginUiPrefix.length + 1)
    const pluginId = rest.slice(0, Math.max(0, rest.indexOf('/')))
    const file = rest.slice(pluginId.length + 1)
    const notFound = () => new NotFoundError('PLUGIN_UI_NOT_FOUND', `${ctx.path} (no such file of a started plugin's admin module)`)
    const record = pluginId && file ? host.get(pluginId) : undefined
    const served = record ? servedAdminModule(record) : undefined
    if (!served) throw notFound()
    if (/\.m?js$/.test(file)) ctx.type = 'text/javascript; charset=utf-8'
    ctx.set('Cache-Control', 'no-cache')
    try {
      // `root` confines the path: "..", encoded or not, is refused; hidden files are never sent.
      if (!(await send(ctx, file, { root: served.root }))) throw notFound()
    } catch (error) {
      const status = (error as { status?: number }).status
      if (status !== undefined && status >= 400 && status < 500) throw notFound()
      throw error
    }
  }
}
