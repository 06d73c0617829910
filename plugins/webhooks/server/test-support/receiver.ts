import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: IncomingHttpHeaders
  body: string
  receivedAt: number
}

export type Reply = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hold'

/** A real HTTP receiver on 127.0.0.1 that records every request and answers as told. */
export class Receiver {
  readonly received: Received[] = []
  reply: (request: Received, index: number) => Reply = () => ({ status: 200, body: 'ok' })
  private server: Server
  private port = 0
  private readonly held: ServerResponse[] = []

  constructor() {
    this.server = this.create()
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
    return this
  }

  /** Stops listening (connections are refused) until `listen()` again on the same port. */
  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
    this.server = this.create()
  }

  /** Answers every held request with 200. */
  release(): void {
    for (const response of this.held.splice(0)) response.writeHead(200).end('released')
  }

  bodies<T = { id: string; event: string; sessionId: string | null; data: Record<string, unknown> }>(): T[] {
    return this.received.map((request) => JSON.parse(request.body) as T)
  }

  async close(): Promise<void> {
    this.release()
    await this.down()
  }

  private create(): Server {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const entry: Received = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() }
        const index = this.received.push(entry) - 1
        const reply = this.reply(entry, index)
        if (reply === 'hold') {
          this.held.push(response)
          return
        }
        const answer = () => response.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '')
        if (reply.delayMs) setTimeout(answer, reply.delayMs)
        else answer()
      })
    })
    server.keepAliveTimeout = 100
    return server
  }
}
