import type { Middleware } from 'koa'
import { Counter, Histogram, type Registry } from 'prom-client'
import type { WaqtorState } from '../http/api-context.ts'

/** Request counts and latency by route pattern (not raw path, so ids do not explode the label set). */
export function httpMetricsMiddleware(registry: Registry): Middleware<WaqtorState> {
  const requests = new Counter({
    name: 'waqtor_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'waqtor_http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  return async (ctx, next) => {
    const stop = duration.startTimer()
    try {
      await next()
    } finally {
      const route = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? (ctx.status === 404 ? 'unmatched' : 'static')
      requests.inc({ method: ctx.method, route, status: String(ctx.status) })
      stop({ method: ctx.method, route })
    }
  }
}
