import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A local webhook receiver that counts distinct deliveries and the delay event -> arrival. */
export class BenchReceiver {
  private server: Server
  private port = 0
  readonly seen = new Set<string>()
  delaysMs: number[] = []
  duplicates = 0
  lastArrival = 0

  constructor() {
    this.server = this.create()
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
    this.server = this.create()
  }

  reset(): void {
    this.seen.clear()
    this.delaysMs = []
    this.duplicates = 0
  }

  private create(): Server {
    return createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const now = Date.now()
        const delivery = String(request.headers['x-waqtor-delivery'])
        if (this.seen.has(delivery)) this.duplicates++
        else {
          this.seen.add(delivery)
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { occurredAt: string }
          this.delaysMs.push(now - Date.parse(body.occurredAt))
        }
        this.lastArrival = now
        response.writeHead(204).end()
      })
    })
  }
}
