import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { accessibilityProblems } from './support/accessibility.ts'
import { documentLanguage } from './support/direction.ts'
import { useE2eSuite } from './support/e2e-suite.ts'
import { login } from './support/login.ts'
import { sidewaysOverflow } from './support/overflow.ts'
import type { PanelLocale } from './support/panel-page.ts'
import { saveScreenshot } from './support/screenshots.ts'
import { waitForContent } from './support/settle.ts'

/**
 * Screenshots of the main pages in English and Arabic, saved to test-artifacts/screenshots/ to
 * look at (and to attach to reviews). Each page is taken once its real content is on screen, and
 * must fit a 1366 px wide window without scrolling sideways and pass axe-core's WCAG 2.1 AA and
 * best-practice checks (nothing above "minor").
 */

// No reconnect attempts: the dropped session fails at once, for a "failed" line and a notification.
const e2e = useE2eSuite({ config: { reconnectMaxAttempts: 0 } })

let salesPhone = ''
let supportPhone = ''

interface Shot {
  name: string
  /** Opens the page, from the signed-in panel. */
  open: (page: Page) => Promise<void>
  /** What must be on screen before the picture is taken. */
  ready: string[]
  /** The same on a phone, where some pages show less (the sessions table keeps name, status and actions). */
  phoneReady?: string[]
}

const goTo = (address: string) => (page: Page) => page.goto(address).then(() => undefined)

const shots: Shot[] = [
  { name: 'dashboard', open: goTo('/'), ready: ['[data-testid=dashboard-sessions] [data-testid=sessions-total]', '[data-testid=dashboard-chart] [data-drawn] canvas', '[data-testid=dashboard-notifications] [data-testid^=notification-]'] },
  {
    name: 'sessions',
    open: goTo('/sessions'),
    ready: ['[data-testid=session-row-sales] [data-testid=session-status]', '[data-testid=session-row-old-line] [data-testid=session-status][data-status=failed]'],
    phoneReady: ['[data-testid=session-row-sales] [data-testid=session-status-phone]', '[data-testid=session-row-old-line] [data-testid=session-status-phone][data-status=failed]'],
  },
  { name: 'session-detail', open: goTo('/sessions/sales'), ready: ['[data-testid=session-health]', '[data-testid=session-stats]', '[data-testid=session-plugin-contact-counter]'] },
  {
    name: 'messages',
    async open(page) {
      await page.goto('/messages/sales')
      await page.locator(`[data-testid="chat-${supportPhone}@c.us"]`).click()
    },
    ready: ['[data-testid=chat-view] [data-direction=out] [data-testid=ack-icon][data-ack=read]', '[data-testid=chat-view] [data-direction=in]', '[data-testid=composer-text]'],
  },
  { name: 'notifications', open: goTo('/notifications'), ready: ['[data-testid^=notification-]'] },
  { name: 'users', open: goTo('/users'), ready: ['[data-testid=users-table] [data-testid^=user-edit-]'] },
  { name: 'api-keys', open: goTo('/api-keys'), ready: ['[data-testid=keys-table] [data-testid^=key-revoke-]'] },
  { name: 'plugins', open: goTo('/plugins'), ready: ['[data-testid=plugin-webhooks]', '[data-testid=plugin-contact-counter]'] },
  { name: 'realtime', open: goTo('/realtime'), ready: ['[data-testid=realtime-connections]', '[data-testid=realtime-traffic]'] },
  { name: 'profile', open: goTo('/profile'), ready: ['[data-testid=profile-details]'] },
  { name: 'about', open: goTo('/about'), ready: ['[data-testid=about-server-version]'] },
  { name: 'privacy', open: goTo('/privacy'), ready: ['[data-testid=legal-document]'] },
  { name: 'terms', open: goTo('/terms'), ready: ['[data-testid=legal-document]'] },
  { name: 'webhooks', open: goTo('/plugins/webhooks'), ready: ['[data-testid^=webhook-row-]'] },
]

async function seed(): Promise<void> {
  const { kernel } = e2e
  const created = async (path: string, body: unknown) => {
    const response = await kernel.request<Record<string, unknown>>('POST', path, { body })
    if (response.status >= 300) throw new Error(`seeding ${path} failed: ${response.status} ${JSON.stringify(response.body)}`)
    return response.body
  }
  await kernel.createSession('sales', 'Sales desk')
  await kernel.createSession('support', 'Customer support')
  await kernel.createSession('old-line', 'Old line')
  await created('/api/sessions/create', { clientId: 'new-branch', driver: 'sandbox', name: 'New branch', linkWithQr: true })
  salesPhone = (await kernel.request<{ phone: string }>('GET', '/api/sessions/sales')).body.phone
  supportPhone = (await kernel.request<{ phone: string }>('GET', '/api/sessions/support')).body.phone
  await kernel.request('PUT', '/api/sessions/sales/plugins/contact-counter', { body: { enabled: true } })

  // A conversation between the two desks, and customers writing in, in both languages.
  await created('/api/messages/send-text?clientId=sales', { to: supportPhone, text: 'Hi! Can you confirm the delivery for order 1042?' })
  await created('/api/messages/send-text?clientId=support', { to: salesPhone, text: 'Confirmed: it leaves the warehouse tomorrow morning.' })
  await created('/api/messages/send-text?clientId=sales', { to: supportPhone, text: 'Thank you, I will let the customer know.' })
  await created('/api/sessions/sales/sandbox/inbound', { from: '+966501234567', text: 'مرحبا، هل الطلب جاهز للاستلام؟' })
  await created('/api/sessions/sales/sandbox/inbound', { from: '+15551230001', text: 'Do you deliver on weekends?' })

  await created('/api/users', { email: 'layla@example.com', name: 'Layla Haddad', password: 'a-long-password-123', role: 'agent', sessions: ['sales'] })
  await created('/api/users', { email: 'omar@example.com', name: 'Omar Saleh', password: 'a-long-password-123', role: 'viewer', sessions: ['support'] })
  await created('/api/keys', { name: 'CRM integration', role: 'agent', sessions: ['sales'] })
  await created('/api/keys', { name: 'Monitoring', role: 'viewer' })

  // A session that drops and gives up (a notification), and a notice from elsewhere in WaQtor.
  await created('/api/sessions/old-line/sandbox/failures', { disconnect: true })
  await kernel.kernel.notifications.notifyAdmins({ type: 'backup.finished', severity: 'info', title: 'Nightly backup finished', body: 'All sessions were saved.' })

  // Every message read before the pictures are taken.
  await vi.waitFor(
    async () => {
      const sent = (await kernel.request<{ items: Array<{ fromMe: boolean; ack: number }> }>('GET', '/api/messages?clientId=sales&limit=20')).body.items.filter((message) => message.fromMe)
      if (!sent.every((message) => message.ack >= 3)) throw new Error('messages not read yet')
    },
    { timeout: 10_000, interval: 100 },
  )
  await created('/api/plugins/webhooks/subscriptions', { url: 'https://crm.example.com/hooks/waqtor', events: ['message.received', 'message.ack'], sessions: ['sales'] })
  await created('/api/plugins/webhooks/subscriptions', { url: 'https://alerts.example.org/waqtor', events: ['session.status'], active: false })
}

beforeAll(seed)

describe('screenshots of the main pages', () => {
  for (const locale of ['en', 'ar'] satisfies PanelLocale[]) {
    it(`in ${locale === 'en' ? 'English' : 'Arabic'}`, { timeout: 180_000 }, async () => {
      // A browser set to the language: the panel opens in it from the login page on.
      const panel = await e2e.open({ browserLocale: locale })
      const { page } = panel
      const expected = { lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' }

      await page.goto('/login')
      await waitForContent(page, ['[data-testid=login-form]'])
      expect(await documentLanguage(page)).toEqual(expected)
      expect(await accessibilityProblems(page), 'login has accessibility problems').toEqual([])
      await saveScreenshot(page, 'login', locale)

      await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
      for (const shot of shots) {
        await shot.open(page)
        await waitForContent(page, shot.ready)
        expect(await documentLanguage(page)).toEqual(expected)
        expect(await sidewaysOverflow(page), `${shot.name} scrolls sideways`).toEqual([])
        expect(await accessibilityProblems(page), `${shot.name} has accessibility problems`).toEqual([])
        await saveScreenshot(page, shot.name, locale)
      }
    })
  }
})

const phoneShots = ['dashboard', 'sessions', 'session-detail', 'messages', 'notifications', 'users', 'api-keys', 'plugins', 'realtime', 'profile', 'webhooks']

describe('the main pages on a phone', () => {
  for (const locale of ['en', 'ar'] satisfies PanelLocale[]) {
    it(`fit a 390 px wide screen in ${locale === 'en' ? 'English' : 'Arabic'}`, { timeout: 180_000 }, async () => {
      const panel = await e2e.open({ browserLocale: locale, viewport: { width: 390, height: 844 } })
      const { page } = panel
      await page.goto('/login')
      await waitForContent(page, ['[data-testid=login-form]'])
      expect(await sidewaysOverflow(page, { tables: false }), 'login scrolls sideways').toEqual([])
      await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
      for (const shot of shots.filter((candidate) => phoneShots.includes(candidate.name))) {
        await shot.open(page)
        await waitForContent(page, shot.phoneReady ?? shot.ready)
        expect(await sidewaysOverflow(page, { tables: false }), `${shot.name} scrolls sideways`).toEqual([])
        expect(await accessibilityProblems(page), `${shot.name} has accessibility problems on a phone`).toEqual([])
        await saveScreenshot(page, `phone-${shot.name}`, locale)
      }
    })
  }
})
