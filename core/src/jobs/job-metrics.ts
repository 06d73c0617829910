import { Counter, Histogram, type Registry } from 'prom-client'

export type JobOutcome = 'completed' | 'retry' | 'failed' | 'released' | 'lease-lost'

/** Jobs on /metrics: what became of each attempt on this node, and how long handlers ran. */
export interface JobMetrics {
  outcomes: Counter<'plugin' | 'job' | 'outcome'>
  handlerSeconds: Histogram<'plugin' | 'job'>
}

export function createJobMetrics(registry: Registry | undefined): JobMetrics {
  const registers = registry ? [registry] : []
  return {
    outcomes: new Counter({
      name: 'waqtor_jobs_attempts_total',
      help: 'Job attempts run on this node, by outcome: completed, retry (failed, tried again later), failed (no attempts left), released (kernel stopping), lease-lost',
      labelNames: ['plugin', 'job', 'outcome'],
      registers,
    }),
    handlerSeconds: new Histogram({
      name: 'waqtor_jobs_handler_seconds',
      help: 'How long job handlers ran on this node',
      labelNames: ['plugin', 'job'],
      buckets: [0.005, 0.05, 0.5, 5, 60, 600, 3600],
      registers,
    }),
  }
}
