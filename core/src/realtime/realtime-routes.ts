import { z } from 'zod'
import type { ApiRouter } from '../http/api-router.ts'
import type { RealtimeStats } from './realtime-stats.ts'

const counts = z.record(z.string(), z.number().int().nonnegative())

const realtimeStatsView = z.object({
  connections: counts.describe('Connected sockets per namespace'),
  subscriptions: z.record(z.string(), counts).describe('Sockets subscribed to each topic, per namespace'),
  windowSeconds: z.number().int().describe('The window of the per-second rates'),
  eventsOutPerSecond: z.number().nonnegative().describe('Events sent to clients per second (one per receiving socket)'),
  bytesOutPerSecond: z.number().nonnegative(),
  eventsOut: z.number().int().nonnegative().describe('Since start'),
  bytesOut: z.number().int().nonnegative().describe('Since start'),
  droppedEvents: z.number().int().nonnegative().describe('Volatile events skipped for clients over the soft buffer bound'),
  backpressureDisconnects: z.number().int().nonnegative().describe('Clients cut off at the hard buffer bound'),
  revokedDisconnects: z.number().int().nonnegative().describe('Sockets closed because their login or API key was revoked, expired or disabled'),
  rejectedHandshakes: counts.describe('Refused connections by error code'),
  rateLimitedEmits: z.number().int().nonnegative(),
})

export function registerRealtimeRoutes({ api, stats }: { api: ApiRouter; stats: RealtimeStats }): void {
  api.route({
    method: 'get',
    path: '/realtime/stats',
    summary: 'Realtime (socket.io) connections, subscriptions, traffic and refusals',
    tags: ['realtime'],
    access: ['admin'],
    response: realtimeStatsView,
    handler: () => stats.snapshot(),
  })
}
