import { createHash } from 'node:crypto'
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { inlineScriptHashes, securityHeadersMiddleware } from './security-headers.ts'
import { staticPanelMiddleware } from './static-panel.ts'
import { listenOnLoopback, type ListeningApp } from './test-fixtures/listen-on-loopback.ts'

const importMap = '{"imports":{"vue":"/shared/vue.js"}}'
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

function directives(policy: string | null): Record<string, string> {
  return Object.fromEntries((policy ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values.join(' ')]))
}

describe('security headers of the panel', () => {
  let panelDir: string
  let served: ListeningApp
  const url = () => served.url

  beforeAll(async () => {
    panelDir = await mkdtemp(path.join(tmpdir(), 'waqtor-panel-'))
    const html = `<!doctype html><head><script type="importmap">${importMap}</script><script type="module" src="/assets/index.js"></script></head><title>panel</title>`
    await writeFile(path.join(panelDir, 'index.html'), html)
    const app = new Koa()
    app.use(securityHeadersMiddleware(panelDir))
    app.use(staticPanelMiddleware(panelDir))
    served = await listenOnLoopback(app)
  })
  afterAll(async () => {
    await served.close()
    await rm(panelDir, { recursive: true, force: true })
  })

  it('allows the panel its own scripts and exactly its inline import map, nothing from elsewhere', async () => {
    expect(inlineScriptHashes(panelDir)).toEqual([sha256(importMap)])
    const response = await fetch(`${url()}/sessions`)
    const policy = directives(response.headers.get('content-security-policy'))
    expect(policy['script-src']).toBe(`'self' ${sha256(importMap)}`)
    expect(policy).toMatchObject({
      'default-src': "'self'",
      'connect-src': "'self'",
      'img-src': "'self' data: blob:",
      'object-src': "'none'",
      'frame-ancestors': "'self'",
      'base-uri': "'self'",
    })
  })

  it('forbids framing by other sites, MIME sniffing and referrers, and leaves HSTS to the TLS proxy', async () => {
    const response = await fetch(`${url()}/`)
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })

  it('follows the panel when it is rebuilt while the kernel runs', async () => {
    const rebuiltMap = '{"imports":{"vue":"/shared/vue-2.js"}}'
    const index = path.join(panelDir, 'index.html')
    await writeFile(index, `<!doctype html><head><script type="importmap">${rebuiltMap}</script></head><title>panel</title>`)
    await utimes(index, new Date(), new Date(Date.now() + 5_000))
    const policy = directives((await fetch(`${url()}/`)).headers.get('content-security-policy'))
    expect(policy['script-src']).toBe(`'self' ${sha256(rebuiltMap)}`)
  })

  it('has no inline script to allow without a built panel', () => {
    expect(inlineScriptHashes(undefined)).toEqual([])
    expect(inlineScriptHashes(path.join(panelDir, 'missing'))).toEqual([])
  })
})

describe('security headers of the kernel', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterAll(async () => {
    await harness.close()
  })

  it('sends them on API answers and errors too', async () => {
    for (const address of ['/api/auth/me', '/api/nothing-here', '/docs']) {
      const response = await fetch(`${harness.url}${address}`, { headers: { authorization: `Bearer ${harness.admin.token}` } })
      expect(response.headers.get('x-content-type-options'), address).toBe('nosniff')
      expect(directives(response.headers.get('content-security-policy'))['script-src'], address).toBe("'self'")
    }
  })
})
