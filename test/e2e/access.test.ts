import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { arabicOnly, documentLanguage } from './support/direction.ts'
import { browserTestTimeout, useE2eSuite } from './support/e2e-suite.ts'
import { login, signOut } from './support/login.ts'
import { pathOf } from './support/page-state.ts'

const e2e = useE2eSuite()

async function sidebarBox(page: Page): Promise<{ x: number; width: number }> {
  const box = await page.locator('[data-testid=sidebar]').boundingBox()
  if (!box) throw new Error('the side menu is not visible')
  return box
}

async function chooseLanguage(page: Page, label: 'English' | 'العربية'): Promise<void> {
  await page.locator('[data-testid=language-switch]').getByText(label, { exact: true }).click()
}

describe('signing in and out', { timeout: browserTestTimeout }, () => {
  it('refuses a wrong password, then signs in and shows the side menu', async () => {
    const panel = await e2e.open()
    const { page } = panel
    await page.goto('/')
    // Not signed in: any page leads to the login form.
    await page.locator('[data-testid=login-form]').waitFor()
    expect(pathOf(page)).toBe('/login')

    await page.locator('#login-email').fill(e2e.kernel.admin.email)
    await page.locator('#login-password').fill('not-the-password-at-all')
    await page.locator('[data-testid=login-submit]').click()
    await page.locator('[data-testid=login-error]').waitFor()
    expect(await page.locator('[data-testid=sidebar]').count()).toBe(0)

    await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
    await expect.poll(() => pathOf(page)).toBe('/')
    await page.locator('[data-testid=menu-sessions]').waitFor()
    expect(await page.locator('[data-testid=login-error]').count()).toBe(0)
  })

  it('goes back to the page asked for after signing in', async () => {
    const panel = await e2e.open()
    const { page } = panel
    await page.goto('/notifications')
    await page.locator('[data-testid=login-form]').waitFor()
    await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
    await expect.poll(() => pathOf(page)).toBe('/notifications')
  })

  it('signs out to the login page, and the old pages need a login again', async () => {
    const panel = await e2e.openSignedIn()
    const { page } = panel
    await signOut(panel)
    expect(pathOf(page)).toBe('/login')
    expect(await page.locator('[data-testid=sidebar]').count()).toBe(0)
    await page.goto('/sessions')
    await page.locator('[data-testid=login-form]').waitFor()
    expect(await page.locator('[data-testid=login-expired]').count()).toBe(0)
  })

  it('sends the user to the login page with the "expired" note as soon as the login is revoked elsewhere', async () => {
    const panel = await e2e.openSignedIn()
    const { page, context } = panel
    await page.locator('[data-testid=menu-sessions]').click()
    await expect.poll(() => pathOf(page)).toBe('/sessions')
    await page.locator('[data-testid=connection-badge][data-state=online]').waitFor()

    // The login ends elsewhere (signed out from another tab, or an admin ended it): the token in
    // the panel's cookie is revoked on the server, which closes the panel's live connection.
    const cookie = (await context.cookies()).find((candidate) => candidate.name === 'waqtor_token')
    expect(cookie?.httpOnly).toBe(true)
    const revoked = await e2e.kernel.request('POST', '/api/auth/logout', { token: cookie?.value })
    expect(revoked.status).toBe(204)
    panel.problems.expectUnauthorized = true

    // Without the user doing anything, the panel leaves the page for the login form.
    await page.locator('[data-testid=login-expired]').waitFor()
    const address = new URL(page.url())
    expect(address.pathname).toBe('/login')
    expect(address.searchParams.get('redirect')).toBe('/sessions')

    // Signing in again clears the note and returns to where the user was.
    await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
    await expect.poll(() => pathOf(page)).toBe('/sessions')
    expect(await page.locator('[data-testid=login-expired]').count()).toBe(0)
  })

  it('keeps the user signed in and live after changing the password, and ends the old login', async () => {
    const agent = await e2e.kernel.createUser('agent')
    const panel = await e2e.openSignedIn({ email: agent.email, password: agent.password })
    const { page, context } = panel
    await page.goto('/profile')
    await page.locator('[data-testid=connection-badge][data-state=online]').waitFor()
    const oldToken = (await context.cookies()).find((candidate) => candidate.name === 'waqtor_token')?.value

    await page.locator('#profile-current-password').fill(agent.password)
    await page.locator('#profile-new-password').fill('a-brand-new-password-42')
    await page.locator('#profile-confirm-password').fill('a-brand-new-password-42')
    await page.locator('[data-testid=profile-password-submit]').click()

    await expect.poll(async () => (await context.cookies()).find((candidate) => candidate.name === 'waqtor_token')?.value).not.toBe(oldToken)
    await page.locator('[data-testid=connection-badge][data-state=online]').waitFor()
    expect(pathOf(page)).toBe('/profile')
    expect((await e2e.kernel.request('GET', '/api/auth/me', { token: oldToken })).status).toBe(401)

    // Live again with the new login: a notice for the user reaches the bell.
    await e2e.kernel.kernel.notifications.notifyUsers([agent.id], { type: 'test.notice', severity: 'info', title: 'Password changed', body: 'Your new password is in use.' })
    await page.locator('[data-testid=notification-count]').filter({ hasText: '1' }).waitFor()
    expect(pathOf(page)).toBe('/profile')
  })
})

describe('API documentation', { timeout: browserTestTimeout }, () => {
  it('shows the API documentation to a signed-in user under the same Content-Security-Policy', async () => {
    const { page } = await e2e.openSignedIn()
    const response = await page.goto('/docs')
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'WaQtor API' }).waitFor()
    await page.locator('.swagger-ui .opblock-summary-path').filter({ hasText: '/api/sessions/list' }).first().waitFor()
  })
})

describe('language and direction', { timeout: browserTestTimeout }, () => {
  it('switches to Arabic, right to left, keeps it after a reload, and ?lang=en switches back', async () => {
    const { page } = await e2e.openSignedIn()
    const viewport = page.viewportSize()!
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' })
    await page.locator('[data-testid=menu-sessions]').waitFor()
    const english = await sidebarBox(page)
    expect(english.x + english.width / 2).toBeLessThan(viewport.width / 2)
    expect((await page.locator('[data-testid=menu-sessions]').innerText()).trim()).toBe('Sessions')

    await chooseLanguage(page, 'العربية')
    await expect.poll(() => documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' })
    // The side menu moves to the right-hand side, and the texts are Arabic.
    await expect.poll(async () => (await sidebarBox(page)).x).toBeGreaterThan(viewport.width / 2)
    for (const entry of ['menu-dashboard', 'menu-sessions', 'menu-messages', 'menu-plugins']) {
      expect((await page.locator(`[data-testid=${entry}]`).innerText()).trim()).toMatch(arabicOnly)
    }

    await page.reload()
    await page.locator('[data-testid=sidebar]').waitFor()
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' })
    expect(await page.title()).toMatch(/[\u0600-\u06FF]/)
    expect((await page.locator('[data-testid=menu-sessions]').innerText()).trim()).toMatch(arabicOnly)

    // A link with ?lang=en opens the panel in English whatever was chosen before.
    await page.goto('/notifications?lang=en')
    await page.locator('[data-testid=sidebar]').waitFor()
    await expect.poll(() => documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' })
    expect((await page.locator('[data-testid=menu-sessions]').innerText()).trim()).toBe('Sessions')
    const back = await sidebarBox(page)
    expect(back.x + back.width / 2).toBeLessThan(viewport.width / 2)
  })

  it('opens in Arabic for a browser set to Arabic, from the login page on', async () => {
    const panel = await e2e.open({ browserLocale: 'ar' })
    const { page } = panel
    await page.goto('/login')
    await page.locator('[data-testid=login-form]').waitFor()
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' })
    expect((await page.locator('[data-testid=login-submit]').innerText()).trim()).toMatch(arabicOnly)

    await chooseLanguage(page, 'English')
    await expect.poll(() => documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' })
    expect((await page.locator('[data-testid=login-submit]').innerText()).trim()).toBe('Sign in')
  })
})

describe('cookie consent', { timeout: browserTestTimeout }, () => {
  it('asks on the first visit; "accept" hides the banner for good', async () => {
    const panel = await e2e.open({ consented: false })
    const { page } = panel
    await page.goto('/login')
    const banner = page.locator('[data-testid=cookie-consent]')
    await banner.waitFor()

    await page.locator('[data-testid=consent-accept]').click()
    await banner.waitFor({ state: 'detached' })
    await page.reload()
    await page.locator('[data-testid=login-form]').waitFor()
    expect(await banner.count()).toBe(0)

    // Still decided once signed in, inside the panel's layout.
    await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
    await page.reload()
    await page.locator('[data-testid=sidebar]').waitFor()
    expect(await banner.count()).toBe(0)
  })

  it('shows the banner inside the panel too, and "reject" stops the language being remembered', async () => {
    const panel = await e2e.open({ consented: false })
    const { page } = panel
    await page.goto('/login')
    await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
    const banner = page.locator('[data-testid=cookie-consent]')
    await banner.waitFor()

    await page.locator('[data-testid=consent-reject]').click()
    await banner.waitFor({ state: 'detached' })
    await page.locator('[data-testid=language-switch]').getByText('العربية', { exact: true }).click()
    await expect.poll(() => documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' })

    await page.reload()
    await page.locator('[data-testid=sidebar]').waitFor()
    expect(await banner.count()).toBe(0)
    // Preferences were refused: the language is not stored, the browser's (English) applies again.
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' })
  })
})

describe('roles', { timeout: browserTestTimeout }, () => {
  let viewer: { email: string; password: string }
  let chatId = ''

  beforeAll(async () => {
    await e2e.kernel.createSession('granted', 'Granted desk')
    await e2e.kernel.createSession('not-granted', 'Other desk')
    viewer = await e2e.kernel.createUser('viewer', ['granted'])
    const inbound = await e2e.kernel.request<{ chatId: string }>('POST', '/api/sessions/granted/sandbox/inbound', { body: { from: '+15558800111', text: 'Hello, anyone there?' } })
    chatId = inbound.body.chatId
  })

  it('shows a viewer their sessions and messages without any way to change them', async () => {
    const { page } = await e2e.openSignedIn({ email: viewer.email, password: viewer.password })

    // Only what an admin may open is missing from the menu.
    await page.locator('[data-testid=menu-sessions]').waitFor()
    expect(await page.locator('[data-testid=menu-users]').count()).toBe(0)
    expect(await page.locator('[data-testid=menu-api-keys]').count()).toBe(0)

    await page.locator('[data-testid=menu-sessions]').click()
    const row = page.locator('[data-testid=session-row-granted]')
    await row.locator('[data-testid=session-status][data-status=ready]').waitFor()
    expect(await page.locator('[data-testid=session-row-not-granted]').count()).toBe(0)
    const writeButtons = '[data-testid=session-create], [data-testid^=session-start-], [data-testid^=session-stop-], [data-testid^=session-restart-], [data-testid^=session-delete-]'
    expect(await page.locator(writeButtons).count()).toBe(0)

    await page.goto('/sessions/granted')
    await page.locator('[data-testid=session-health]').waitFor()
    await page.locator('[data-testid=session-plugin-contact-counter]').waitFor()
    expect(await page.locator(writeButtons).count()).toBe(0)
    expect(await page.locator('[data-testid=session-plugin-toggle-contact-counter]').isDisabled()).toBe(true)
    expect(await page.locator('[data-testid^=session-plugin-save-]').count()).toBe(0)

    await page.locator('[data-testid=menu-messages]').click()
    await page.locator(`[data-testid="chat-${chatId}"]`).click()
    await page.locator('[data-testid=chat-view] [data-direction=in]', { hasText: 'Hello, anyone there?' }).waitFor()
    await page.locator('[data-testid=read-only-note]').waitFor()
    expect(await page.locator('[data-testid=composer], [data-testid=composer-text], [data-testid=new-chat]').count()).toBe(0)
  })

  it('does not open the users page for a viewer', async () => {
    const { page } = await e2e.openSignedIn({ email: viewer.email, password: viewer.password })
    await page.goto('/users')
    await page.locator('[data-testid=not-found]').waitFor()
    expect(pathOf(page)).toBe('/users')
    expect(await page.locator('[data-testid=main] table').count()).toBe(0)
  })
})
