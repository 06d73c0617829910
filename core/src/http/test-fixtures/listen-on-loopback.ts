import type { AddressInfo } from 'node:net'
import type Koa from 'koa'

export interface ListeningApp {
  /** `http://127.0.0.1:<port>` */
  url: string
  close(): Promise<void>
}

/** Serves a Koa app on a free loopback port, for tests of single middlewares. */
export async function listenOnLoopback(app: Pick<Koa, 'listen'>): Promise<ListeningApp> {
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}
