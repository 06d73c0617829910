import { AppError } from '../errors/app-error.ts'

/** Thrown by `emit` once shutdown began; a 503 if it reaches an HTTP request. */
export class BusClosedError extends AppError {
  constructor(event?: string) {
    const what = event === undefined ? 'no new events are accepted' : `cannot emit "${event}"`
    super('BUS_CLOSED', `The event bus is closed: ${what}`, { status: 503 })
  }
}
