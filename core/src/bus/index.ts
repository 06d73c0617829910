export { defineEvent, type EventDefinition, type EventPayload } from './define-event.ts'
export { EventBus } from './event-bus.ts'
export { BusClosedError } from './bus-closed-error.ts'
export type {
  AnyEventHandler,
  AnyHandlerOptions,
  Disposer,
  EventBusOptions,
  EventBusStats,
  EventHandler,
  EventInterceptor,
  EventMeta,
  HandlerOptions,
  InterceptorOptions,
} from './bus-types.ts'
export * from './core-events.ts'
export { publicPayload } from './public-payload.ts'
