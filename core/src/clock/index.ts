export type { Clock, TimerHandle } from './clock.ts'
export { SystemClock } from './system-clock.ts'
export { ManualClock } from './manual-clock.ts'
