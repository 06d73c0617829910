import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'

/** socket.io-client's socket as far as the panel uses it: records what it was asked to do. */
class FakeSocket {
  connected = false
  active = true
  disconnected = false
  readonly emitted: Array<{ event: string; payload: unknown }> = []
  private readonly handlers = new Map<string, Array<(...args: unknown[]) => void>>()

  constructor(readonly namespace: string) {}

  on(event: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler])
    return this
  }

  off(event: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((candidate) => candidate !== handler))
    return this
  }

  connect(): this {
    return this
  }

  disconnect(): this {
    this.connected = false
    this.disconnected = true
    return this
  }

  timeout(): this {
    return this
  }

  async emitWithAck(event: string, payload: unknown): Promise<unknown> {
    this.emitted.push({ event, payload })
    return { ok: true, data: { echoed: payload } }
  }

  fire(event: string, ...args: unknown[]): void {
    if (event === 'connect') this.connected = true
    for (const handler of this.handlers.get(event) ?? []) handler(...args)
  }
}

const sockets: FakeSocket[] = []
vi.mock('socket.io-client', () => ({
  io: (namespace: string) => {
    const socket = new FakeSocket(namespace)
    sockets.push(socket)
    return socket
  },
}))

const { realtime } = await import('./core-socket.ts')
const { useRealtimeEvent, useTopic } = await import('./use-realtime.ts')

/** A plugin page as a plugin author writes it: its own namespace, no connect() call. */
function pluginPage(namespace: string, received: unknown[]) {
  return defineComponent({
    setup() {
      const sessionId = ref('shop')
      useTopic('leads', sessionId, namespace)
      useRealtimeEvent('lead.created', (payload) => received.push(payload), namespace)
      return () => h('p', 'leads')
    },
  })
}

const socketOf = (namespace: string) => sockets.filter((socket) => socket.namespace === namespace)

describe('plugin namespaces in the panel', () => {
  beforeEach(() => {
    sockets.length = 0
  })

  it('connect when a page first uses them: the page subscribes and receives its events without calling connect()', async () => {
    const received: unknown[] = []
    const page = mount(pluginPage('/plugins/leads-board', received))

    expect(socketOf('/plugins/leads-board')).toHaveLength(1)
    const socket = socketOf('/plugins/leads-board')[0]!
    socket.fire('connect')
    await Promise.resolve()
    expect(socket.emitted).toEqual([{ event: 'subscribe', payload: { topics: ['leads'], sessionId: 'shop' } }])

    socket.fire('lead.created', { id: 'lead-1' })
    expect(received).toEqual([{ id: 'lead-1' }])
    page.unmount()
  })

  it('share one connection between pages and disconnect when the last page using it is gone', () => {
    const first = mount(pluginPage('/plugins/catalog', []))
    const second = mount(pluginPage('/plugins/catalog', []))
    expect(socketOf('/plugins/catalog')).toHaveLength(1)
    const socket = socketOf('/plugins/catalog')[0]!
    socket.fire('connect')

    first.unmount()
    expect(socket.disconnected).toBe(false)
    second.unmount()
    expect(socket.disconnected).toBe(true)
    expect(realtime('/plugins/catalog').state.value).toBe('offline')

    // Opened again on the next use, with a fresh socket.
    const third = mount(pluginPage('/plugins/catalog', []))
    expect(socketOf('/plugins/catalog')).toHaveLength(2)
    third.unmount()
  })

  it('answer a request on a namespace nobody listens to, connecting for it and closing after', async () => {
    const answer = realtime('/plugins/quotes').request<{ echoed: unknown }>('price', { sku: 'A-1' })
    const socket = socketOf('/plugins/quotes')[0]!
    expect(await answer).toEqual({ echoed: { sku: 'A-1' } })
    expect(socket.emitted).toEqual([{ event: 'price', payload: { sku: 'A-1' } }])
    expect(socket.disconnected).toBe(true)
  })

  it('leave /core to the panel: using it does not connect it', () => {
    const page = mount(pluginPage('/core', []))
    expect(socketOf('/core')).toEqual([])
    page.unmount()
  })
})
