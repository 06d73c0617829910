/**
 * The benchmark's socket.io clients, in their own process so that decoding their traffic does not
 * steal the kernel's event loop. Driven over IPC by run.ts (see bench-protocol.ts).
 */
import { io, type Socket } from 'socket.io-client'
import { eventKey, preciseNow, sentAtOf, type ClientFigures, type FleetExpect, type FleetStart, type FromFleet, type ToFleet } from './bench-protocol.ts'

interface Client {
  socket: Socket
  session: string
  figures: ClientFigures
}

const clients: Client[] = []
const endToEnd: number[] = []
/** Arrival of each event at each client, matched with the bus's emit times at the end. */
const arrivals: Array<{ key: string; at: number }> = []
let mode: FleetStart['mode'] = 'topics'

function send(message: FromFleet): void {
  process.send?.(message)
}

async function start(input: FleetStart): Promise<void> {
  mode = input.mode
  for (let index = 0; index < input.clients; index++) {
    const session = input.sessions[index % input.sessions.length] ?? ''
    const socket = io(`${input.url}/core`, { auth: { token: input.token }, transports: ['websocket'], forceNew: true, reconnection: false })
    const client: Client = { socket, session, figures: { events: 0, bytes: 0 } }
    socket.io.engine.on('data', (data: unknown) => {
      client.figures.bytes += typeof data === 'string' ? Buffer.byteLength(data) : (data as ArrayBuffer).byteLength
    })
    socket.onAny((event: string, payload: { body?: unknown; sessionId?: unknown; messageId?: unknown; ack?: unknown }) => {
      const at = preciseNow()
      client.figures.events++
      arrivals.push({ key: eventKey(event, payload), at })
      if (event !== 'message.sent' && event !== 'message.received') return
      const sentAt = sentAtOf(payload.body)
      if (sentAt !== undefined) endToEnd.push(at - sentAt)
    })
    clients.push(client)
  }
  await Promise.all(
    clients.map(async ({ socket, session }) => {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve())
        socket.once('connect_error', reject)
      })
      const request = mode === 'topics' ? { topics: ['messages'], sessionId: session } : { topics: ['messages'] }
      const ack = (await socket.timeout(30_000).emitWithAck('subscribe', request)) as { ok: boolean }
      if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`)
    }),
  )
  send({ type: 'ready' })
}

async function finish(input: FleetExpect): Promise<void> {
  const total = Object.values(input.perSession).reduce((sum, count) => sum + count, 0)
  const owed = (client: Client) => (mode === 'topics' ? (input.perSession[client.session] ?? 0) : total)
  const deadline = Date.now() + 60_000
  while (clients.some((client) => client.figures.events < owed(client)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const delivery = arrivals.flatMap(({ key, at }) => {
    const emitted = input.emittedAt[key]
    return emitted === undefined ? [] : [at - emitted]
  })
  send({
    type: 'result',
    clients: clients.map((client) => client.figures),
    endToEnd,
    delivery,
    incomplete: clients.filter((client) => client.figures.events < owed(client)).length,
  })
}

process.on('message', (message: ToFleet) => {
  if (message.type === 'start') void start(message).catch(fail)
  else if (message.type === 'expect') void finish(message).catch(fail)
  else {
    for (const client of clients) client.socket.disconnect()
    process.disconnect()
  }
})

function fail(error: unknown): void {
  console.error('client fleet failed:', error)
  process.exit(1)
}
