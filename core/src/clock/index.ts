export type { Clock, TimerHandle, TimerOptions } from './clock.ts'
export { SystemClock } from './system-clock.ts'
export { ManualClock, type Settler } from './manual-clock.ts'
