import { beforeAll, describe, expect, it } from 'vitest'
import { browserTestTimeout, useE2eSuite } from './support/e2e-suite.ts'
import { pathOf } from './support/page-state.ts'
import { brokenPluginId, writeBrokenPlugin } from './support/temp-plugins.ts'

const e2e = useE2eSuite({ tempPlugins: [writeBrokenPlugin] })

beforeAll(async () => {
  // Something for the contact counter's page to show: two messages from one contact.
  await e2e.kernel.createSession('counter-desk', 'Counter desk')
  const enabled = await e2e.kernel.request('PUT', '/api/sessions/counter-desk/plugins/contact-counter', { body: { enabled: true } })
  expect(enabled.status).toBe(200)
  for (const text of ['First question', 'Second question']) {
    await e2e.kernel.request('POST', '/api/sessions/counter-desk/sandbox/inbound', { body: { from: '+15559900777', text } })
  }
})

describe('plugin admin modules', { timeout: browserTestTimeout }, () => {
  it('lists the pages of running plugins in the menu, and opens them', async () => {
    const { page } = await e2e.openSignedIn()
    const moduleRequests: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/plugin-ui/')) moduleRequests.push(new URL(request.url()).pathname)
    })

    // Compiled into the panel: the repository's webhooks plugin.
    await page.locator('[data-testid=menu-webhooks-subscriptions]').click()
    await expect.poll(() => pathOf(page)).toBe('/plugins/webhooks')
    await page.locator('[data-testid=webhook-create]').waitFor()
    await page.locator('[data-testid=main] h1').waitFor()

    // Loaded at run time from the kernel (/plugin-ui/contact-counter/): the example plugin.
    await page.reload()
    await page.locator('[data-testid=menu-contact-counter-overview]').click()
    await expect.poll(() => pathOf(page)).toBe('/plugins/contact-counter')
    await page.locator('[data-testid=contact-counter-session-counter-desk]').waitFor()
    await expect.poll(() => page.locator('[data-testid=contact-counter-count]').allInnerTexts()).toEqual(['2'])
    expect(moduleRequests).toContain('/plugin-ui/contact-counter/index.js')
  })

  it('shows no page of a plugin that failed, and says on the plugins page why it failed', async () => {
    const { page } = await e2e.openSignedIn()
    await page.locator('[data-testid=menu-contact-counter-overview]').waitFor()
    expect(await page.locator(`[data-testid=menu-${brokenPluginId}-overview]`).count()).toBe(0)

    await page.locator('[data-testid=menu-plugins]').click()
    const card = page.locator(`[data-testid=plugin-${brokenPluginId}]`)
    await card.waitFor()
    expect(await card.locator('[data-testid=plugin-status]').getAttribute('data-status')).toBe('failed')
    await expect.poll(() => card.locator('[data-testid=plugin-error]').innerText()).toContain('fails on purpose')

    // Its address leads nowhere, and the kernel does not serve its module.
    await page.goto(`/plugins/${brokenPluginId}`)
    await page.locator('[data-testid=not-found]').waitFor()
    const served = await e2e.kernel.request('GET', `/plugin-ui/${brokenPluginId}/index.js`, { anonymous: true })
    expect(served.status).toBe(404)
  })
})
