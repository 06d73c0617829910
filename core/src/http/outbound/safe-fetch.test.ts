import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutboundError, type OutboundErrorCode } from './outbound-error.ts'
import { safeFetch, type SafeFetchOptions } from './safe-fetch.ts'
import { vetHost, type HostResolver } from './vet-host.ts'

interface Seen {
  path: string
  method: string
  headers: IncomingMessage['headers']
  body: string
}

async function startServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      seen.push({ path: req.url ?? '', method: req.method ?? '', headers: req.headers, body })
      handler(req, res, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as AddressInfo).port, seen }
}

async function refusal(url: string, options: SafeFetchOptions = {}): Promise<OutboundError> {
  const error = await safeFetch(url, options).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!(error instanceof OutboundError)) throw new Error(`expected an OutboundError for ${url}, got ${String(error)}`)
  return error
}

const toLoopback: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }]

describe('safeFetch refusals (nothing is sent)', () => {
  let target: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    target = await startServer((_req, res) => res.end('secret'))
  })
  afterAll(() => new Promise<void>((resolve) => target.server.close(() => resolve())))

  it.each([
    ['loopback IPv4', () => `http://127.0.0.1:${target.port}/`],
    ['loopback in decimal notation', () => `http://2130706433:${target.port}/`],
    ['loopback IPv6', () => `http://[::1]:${target.port}/`],
    ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${target.port}/`],
    ['a private address', () => 'http://10.0.0.8/'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a unique-local IPv6 address', () => 'http://[fc00::1]/'],
    ['localhost', () => `http://localhost:${target.port}/`],
  ])('refuses %s', async (_name, url) => {
    const error = await refusal(url())
    expect(error.code).toBe<OutboundErrorCode>('OUTBOUND_ADDRESS_REFUSED')
    expect(target.seen).toHaveLength(0)
  })

  it('refuses a host name that resolves to loopback, naming the address', async () => {
    const error = await refusal(`http://media.example.test:${target.port}/a.png`, { resolver: toLoopback })
    expect(error.code).toBe('OUTBOUND_ADDRESS_REFUSED')
    expect(error.message).toContain('resolves to 127.0.0.1')
    expect(target.seen).toHaveLength(0)
  })

  it('refuses a host name when any of its addresses is private', async () => {
    const mixed: HostResolver = async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }]
    expect((await refusal('http://mixed.example.test/', { resolver: mixed })).code).toBe('OUTBOUND_ADDRESS_REFUSED')
  })

  it.each(['file:///etc/passwd', 'ftp://example.com/a', 'gopher://example.com/', 'not a url', '/relative/path'])('refuses the URL %s', async (url) => {
    expect((await refusal(url)).code).toBe('OUTBOUND_URL_INVALID')
  })

  it('reports a host name that does not resolve', async () => {
    const failing: HostResolver = async () => {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
    }
    const error = await refusal('http://nowhere.example.test/', { resolver: failing })
    expect(error.code).toBe('OUTBOUND_DNS_FAILED')
    expect(error.message).toContain('ENOTFOUND')
  })

  it('lets a public address through the check (without connecting to it)', async () => {
    const toPublic: HostResolver = async () => [{ address: '93.184.216.34', family: 4 }]
    await expect(vetHost(new URL('http://93.184.216.34/'), { allowPrivate: false }, toLoopback)).resolves.toEqual([{ address: '93.184.216.34', family: 4 }])
    await expect(vetHost(new URL('https://[2606:4700:4700::1111]/'), { allowPrivate: false }, toLoopback)).resolves.toEqual([{ address: '2606:4700:4700::1111', family: 6 }])
    await expect(vetHost(new URL('https://cdn.example.test/x.jpg'), { allowPrivate: false }, toPublic)).resolves.toHaveLength(1)
  })
})

describe('safeFetch against a local server (private addresses allowed)', () => {
  let main: Awaited<ReturnType<typeof startServer>>
  let other: Awaited<ReturnType<typeof startServer>>
  const allow = { allowPrivate: true }

  beforeAll(async () => {
    other = await startServer((_req, res) => res.end('other origin'))
    main = await startServer((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x')
      const hops = Number(url.searchParams.get('hops') ?? 0)
      if (url.pathname === '/echo') {
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ method: req.method, body, header: req.headers['x-test'] ?? null, host: req.headers.host }))
      } else if (url.pathname === '/hop') {
        res.statusCode = 302
        res.setHeader('location', hops > 1 ? `/hop?hops=${hops - 1}` : '/echo')
        res.end()
      } else if (url.pathname === '/see-other') {
        res.statusCode = 303
        res.setHeader('location', '/echo')
        res.end()
      } else if (url.pathname === '/to-other') {
        res.statusCode = 307
        res.setHeader('location', `http://127.0.0.1:${other.port}/landing`)
        res.end()
      } else if (url.pathname === '/to-private') {
        res.statusCode = 302
        res.setHeader('location', 'http://10.0.0.8/internal')
        res.end()
      } else if (url.pathname === '/big-declared') {
        res.setHeader('content-length', String(2048))
        res.end(Buffer.alloc(2048))
      } else if (url.pathname === '/big-streamed') {
        res.write(Buffer.alloc(700))
        res.end(Buffer.alloc(700))
      } else if (url.pathname === '/hang') {
        // Never answers: the caller's deadline must end the request.
      } else {
        res.statusCode = 404
        res.end('nope')
      }
    })
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => main.server.close(() => resolve()))
    await new Promise<void>((resolve) => other.server.close(() => resolve()))
  })

  it('fetches a body with its status and headers', async () => {
    const response = await safeFetch(`http://127.0.0.1:${main.port}/echo`, allow)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ method: 'GET', body: '' })
    expect(response.redirects).toBe(0)
  })

  it('sends a method, headers and a body', async () => {
    const response = await safeFetch(`http://127.0.0.1:${main.port}/echo`, { ...allow, method: 'POST', headers: { 'x-test': 'yes', 'content-type': 'text/plain' }, body: 'hello' })
    expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ method: 'POST', body: 'hello', header: 'yes' })
  })

  it('answers an error status as a response, not an error', async () => {
    const response = await safeFetch(`http://127.0.0.1:${main.port}/missing`, allow)
    expect(response.status).toBe(404)
    expect(response.body.toString()).toBe('nope')
  })

  it('connects to the address it checked, keeping the host name in the Host header', async () => {
    const response = await safeFetch(`http://media.example.test:${main.port}/echo`, { ...allow, resolver: toLoopback })
    expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ host: `media.example.test:${main.port}` })
  })

  it('follows up to three redirects and refuses a fourth', async () => {
    const followed = await safeFetch(`http://127.0.0.1:${main.port}/hop?hops=3`, allow)
    expect(followed.status).toBe(200)
    expect(followed.redirects).toBe(3)
    expect(followed.url).toBe(`http://127.0.0.1:${main.port}/echo`)
    expect((await refusal(`http://127.0.0.1:${main.port}/hop?hops=4`, allow)).code).toBe('OUTBOUND_TOO_MANY_REDIRECTS')
    expect((await refusal(`http://127.0.0.1:${main.port}/hop?hops=1`, { ...allow, maxRedirects: 0 })).code).toBe('OUTBOUND_TOO_MANY_REDIRECTS')
  })

  it('turns a POST into a GET on 303', async () => {
    const response = await safeFetch(`http://127.0.0.1:${main.port}/see-other`, { ...allow, method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } })
    expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ method: 'GET', body: '' })
  })

  it('does not hand credentials to another origin on redirect', async () => {
    const before = other.seen.length
    const response = await safeFetch(`http://127.0.0.1:${main.port}/to-other`, { ...allow, headers: { authorization: 'Bearer secret', 'x-test': 'kept' } })
    expect(response.body.toString()).toBe('other origin')
    const landing = other.seen[before]
    expect(landing?.headers.authorization).toBeUndefined()
    expect(landing?.headers['x-test']).toBe('kept')
  })

  it('checks every redirect target again', async () => {
    const onlyThisServer = { allowCidrs: ['127.0.0.1/32'] }
    const start = await safeFetch(`http://127.0.0.1:${main.port}/echo`, onlyThisServer)
    expect(start.status).toBe(200)
    const error = await refusal(`http://127.0.0.1:${main.port}/to-private`, onlyThisServer)
    expect(error.code).toBe('OUTBOUND_ADDRESS_REFUSED')
    expect(error.url).toBe('http://10.0.0.8/internal')
  })

  it('refuses a body above the cap, announced or streamed', async () => {
    expect((await refusal(`http://127.0.0.1:${main.port}/big-declared`, { ...allow, maxBytes: 1024 })).code).toBe('OUTBOUND_TOO_LARGE')
    expect((await refusal(`http://127.0.0.1:${main.port}/big-streamed`, { ...allow, maxBytes: 1024 })).code).toBe('OUTBOUND_TOO_LARGE')
    expect((await safeFetch(`http://127.0.0.1:${main.port}/big-streamed`, { ...allow, maxBytes: 1400 })).body).toHaveLength(1400)
  })

  it('gives up when the server does not answer in time', async () => {
    expect((await refusal(`http://127.0.0.1:${main.port}/hang`, { ...allow, timeoutMs: 200 })).code).toBe('OUTBOUND_TIMEOUT')
  })

  it('reports a refused connection', async () => {
    const closed = await startServer(() => undefined)
    await new Promise<void>((resolve) => closed.server.close(() => resolve()))
    expect((await refusal(`http://127.0.0.1:${closed.port}/`, allow)).code).toBe('OUTBOUND_NETWORK_ERROR')
  })
})
