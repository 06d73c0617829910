import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { staticPanelMiddleware } from './static-panel.ts'
import { listenOnLoopback, type ListeningApp } from './test-fixtures/listen-on-loopback.ts'

describe('staticPanelMiddleware', () => {
  let panelDir: string
  let served: ListeningApp
  const url = () => served.url

  beforeAll(async () => {
    panelDir = await mkdtemp(path.join(tmpdir(), 'waqtor-panel-'))
    await mkdir(path.join(panelDir, 'assets'))
    await writeFile(path.join(panelDir, 'index.html'), '<!doctype html><title>panel</title>')
    await writeFile(path.join(panelDir, 'favicon.svg'), '<svg/>')
    await writeFile(path.join(panelDir, 'assets', 'app-1.js'), 'export {}')
    const app = new Koa()
    app.use(staticPanelMiddleware(panelDir))
    app.use((ctx) => {
      ctx.status = 404
      ctx.body = { error: { code: 'ROUTE_NOT_FOUND' } }
    })
    served = await listenOnLoopback(app)
  })

  afterAll(async () => {
    await served.close()
    await rm(panelDir, { recursive: true, force: true })
  })

  it('answers the panel for its pages, a dot in the address included', async () => {
    for (const page of ['/', '/sessions', '/messages/shop/15551234567@c.us']) {
      const response = await fetch(url() + page)
      expect(response.status, page).toBe(200)
      expect(await response.text(), page).toContain('<title>panel</title>')
    }
  })

  it('serves its files, and a missing file is a 404 rather than the panel', async () => {
    expect(await (await fetch(`${url()}/assets/app-1.js`)).text()).toBe('export {}')
    expect((await fetch(`${url()}/assets/app-1.js`)).headers.get('cache-control')).toContain('immutable')
    expect(await (await fetch(`${url()}/favicon.svg`)).text()).toBe('<svg/>')
    expect((await fetch(`${url()}/assets/gone-2.js`)).status).toBe(404)
    expect((await fetch(`${url()}/missing.png`)).status).toBe(404)
  })

  it('leaves the API to the API', async () => {
    const response = await fetch(`${url()}/api/nope`)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND' } })
  })
})
