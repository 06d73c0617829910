import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type Koa from 'koa'

/** A listening HTTP server that can stop gracefully: refuse new connections, let requests finish. */
export class HttpServer {
  readonly server: Server
  private inFlight = 0
  private stopping = false

  constructor(app: Koa) {
    const handle = app.callback()
    this.server = createServer((request, response) => {
      this.inFlight++
      if (this.stopping) response.setHeader('Connection', 'close')
      response.on('close', () => this.inFlight--)
      void handle(request, response)
    })
    this.server.keepAliveTimeout = 65_000
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, host, () => {
        this.server.off('error', reject)
        resolve(this.server.address() as AddressInfo)
      })
    })
  }

  /** Resolves when every in-flight request has finished, or after `timeoutMs` (then connections are cut). */
  async close(timeoutMs: number): Promise<{ graceful: boolean }> {
    if (!this.server.listening) return { graceful: true }
    this.stopping = true
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeIdleConnections()
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut])
    clearTimeout(timer)
    if (outcome === 'timeout') {
      this.server.closeAllConnections()
      await closed
    }
    return { graceful: outcome === 'closed' }
  }

  get activeRequests(): number {
    return this.inFlight
  }
}
