import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { browserTestTimeout, useE2eSuite } from './support/e2e-suite.ts'
import { markDocument, stillSameDocument } from './support/page-state.ts'
import { greeterPluginId, writeGreeterPlugin } from './support/temp-plugins.ts'

// No reconnect attempts: a dropped sandbox session fails at once, and WaQtor notifies about it.
const e2e = useE2eSuite({ tempPlugins: [writeGreeterPlugin], config: { reconnectMaxAttempts: 0 } })

interface SessionPluginState {
  enabled: boolean
  settings: Record<string, unknown>
}

const sessionPlugin = async (clientId: string) => (await e2e.kernel.request<SessionPluginState>('GET', `/api/sessions/${clientId}/plugins/${greeterPluginId}`)).body

/**
 * Types into a field as a person does, key by key, and leaves it with Tab: PrimeVue's number
 * input takes the value only when it loses focus or on Enter.
 */
async function retype(field: Locator, text: string): Promise<void> {
  await field.click()
  await field.press('ControlOrMeta+a')
  await field.press('Backspace')
  await field.pressSequentially(text)
  await field.press('Tab')
}

/** Fills the create-session dialog, choosing the sandbox driver in its drop-down. */
async function fillCreateSession(page: Page, clientId: string, name: string): Promise<void> {
  await page.locator('[data-testid=session-create]').click()
  await page.locator('[data-testid=session-create-dialog]').waitFor()
  await page.locator('#session-client-id').fill(clientId)
  await page.locator('#session-name').fill(name)
  await page.locator('[data-testid=session-driver]').click()
  await page.getByRole('option', { name: /sandbox/i }).click()
}

describe('sessions', { timeout: browserTestTimeout }, () => {
  it('creates a sandbox session from the sessions page and shows it ready', async () => {
    const { page } = await e2e.openSignedIn()
    await page.locator('[data-testid=menu-sessions]').click()
    await page.locator('[data-testid=session-create]').waitFor()
    await fillCreateSession(page, 'front-desk', 'Front desk')
    await page.locator('[data-testid=session-create-submit]').click()

    const row = page.locator('[data-testid=session-row-front-desk]')
    await row.locator('[data-testid=session-status][data-status=ready]').waitFor()
    await expect.poll(() => row.innerText()).toContain('Front desk')
    const created = await e2e.kernel.request<{ status: string; driver: string; name: string }>('GET', '/api/sessions/front-desk')
    expect(created.body).toMatchObject({ status: 'ready', driver: 'sandbox', name: 'Front desk' })
  })

  it('links a session with a QR code that changes until it is scanned', async () => {
    const { page } = await e2e.openSignedIn()
    await page.goto('/sessions')
    await fillCreateSession(page, 'qr-desk', 'QR desk')
    await page.locator('[data-testid=session-link-qr]').check()
    await page.locator('[data-testid=session-create-submit]').click()

    const dialog = page.locator('[data-testid=session-qr]')
    const image = dialog.locator('[data-testid=session-qr-image]')
    await image.waitFor()
    const first = await image.getAttribute('src')
    expect(first).toMatch(/^data:image\//)
    // The sandbox replaces its QR code every 700 ms (e2eSandboxTiming), as WhatsApp does every 20 s.
    await expect.poll(() => image.getAttribute('src'), { timeout: 10_000 }).not.toBe(first)
    const row = page.locator('[data-testid=session-row-qr-desk]')
    expect(await row.locator('[data-testid=session-status]').getAttribute('data-status')).toBe('qr')

    await dialog.locator('[data-testid=session-qr-scan]').click()
    await dialog.waitFor({ state: 'hidden' })
    await row.locator('[data-testid=session-status][data-status=ready]').waitFor()
    expect((await e2e.kernel.request<{ status: string }>('GET', '/api/sessions/qr-desk')).body.status).toBe('ready')
  })

  it('enables a session-scoped plugin for one session and saves its settings', async () => {
    await e2e.kernel.createSession('plugin-desk', 'Plugin desk')
    const { page, problems } = await e2e.openSignedIn()
    problems.expectAnswer(400, `/api/sessions/plugin-desk/plugins/${greeterPluginId}`)
    await page.goto('/sessions/plugin-desk')
    const block = page.locator(`[data-testid=session-plugin-${greeterPluginId}]`)
    await block.waitFor()
    expect((await sessionPlugin('plugin-desk')).enabled).toBe(false)

    await page.locator(`[data-testid=session-plugin-toggle-${greeterPluginId}]`).check()
    await expect.poll(async () => (await sessionPlugin('plugin-desk')).enabled).toBe(true)

    const field = (name: string) => page.locator(`#session-plugin-${greeterPluginId}-${name}`)
    await field('greeting').fill('Welcome aboard')
    await retype(field('delaySeconds'), '15')
    await field('onlyNewContacts').check()
    await page.locator(`[data-testid=session-plugin-save-${greeterPluginId}]`).click()
    await expect.poll(async () => (await sessionPlugin('plugin-desk')).settings).toEqual({ greeting: 'Welcome aboard', delaySeconds: 15, onlyNewContacts: true })

    // A value only the server refuses (not a multiple of 5): its field error shows on the field.
    await retype(field('delaySeconds'), '7')
    await page.locator(`[data-testid=session-plugin-save-${greeterPluginId}]`).click()
    const error = block.locator('[data-testid=schema-field-delaySeconds] [data-testid=field-error]')
    await error.waitFor()
    expect(await error.innerText()).toMatch(/multiple of 5/)
    expect((await sessionPlugin('plugin-desk')).settings).toMatchObject({ delaySeconds: 15 })

    // Other sessions are untouched.
    await e2e.kernel.createSession('other-desk')
    expect(await sessionPlugin('other-desk')).toMatchObject({ enabled: false, settings: {} })
  })
})

describe('notification bell', { timeout: browserTestTimeout }, () => {
  beforeAll(async () => {
    await e2e.kernel.createSession('flaky', 'Flaky line')
  })

  it('counts new notifications live and lists them', async () => {
    const { page } = await e2e.openSignedIn()
    const bell = page.locator('[data-testid=notification-bell]')
    const count = page.locator('[data-testid=notification-count]')
    await bell.waitFor()
    const before = (await e2e.kernel.request<{ unread: number }>('GET', '/api/notifications/count')).body.unread
    await expect.poll(async () => ((await count.count()) === 0 ? 0 : Number(await count.innerText()))).toBe(before)
    await markDocument(page)

    // The session drops and gives up: a "session failed" notification for the admins.
    const dropped = await e2e.kernel.request('POST', '/api/sessions/flaky/sandbox/failures', { body: { disconnect: true } })
    expect(dropped.status).toBe(200)
    await expect.poll(() => count.innerText()).toBe(String(before + 1))

    // Another part of WaQtor notifies the admins: the count goes on rising without a reload.
    await e2e.kernel.kernel.notifications.notifyAdmins({ type: 'backup.finished', severity: 'info', title: 'Nightly backup finished', body: 'All sessions were saved.' })
    await expect.poll(() => count.innerText()).toBe(String(before + 2))
    expect(await stillSameDocument(page)).toBe(true)

    await bell.click()
    const popover = page.locator('[data-testid=notification-popover]')
    await popover.getByText('Nightly backup finished').waitFor()
    await popover.getByText('Session flaky failed').waitFor()

    await page.locator('[data-testid=bell-read-all]').click()
    await count.waitFor({ state: 'detached' })
    expect((await e2e.kernel.request<{ unread: number }>('GET', '/api/notifications/count')).body.unread).toBe(0)
  })
})
