import type { DriverListener } from '../../driver-contract.ts'

export type ListenerCall = { [K in keyof DriverListener]: [K, ...Parameters<DriverListener[K]>] }[keyof DriverListener]

/** A DriverListener that records every call, in order. */
export function recordingListener(): { listener: DriverListener; calls: ListenerCall[] } {
  const calls: ListenerCall[] = []
  const listener: DriverListener = {
    qr: (qr) => calls.push(['qr', qr]),
    authenticated: () => calls.push(['authenticated']),
    ready: (info) => calls.push(['ready', info]),
    disconnected: (reason) => calls.push(['disconnected', reason]),
    authFailure: (message) => calls.push(['authFailure', message]),
    message: (message) => calls.push(['message', message]),
    ack: (update) => calls.push(['ack', update]),
  }
  return { listener, calls }
}
