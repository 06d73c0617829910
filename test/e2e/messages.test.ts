import { beforeAll, describe, expect, it } from 'vitest'
import { browserTestTimeout, useE2eSuite } from './support/e2e-suite.ts'
import { login } from './support/login.ts'
import { markDocument, pathOf, stillSameDocument } from './support/page-state.ts'
import { within } from './support/within.ts'

const e2e = useE2eSuite()

/** ACK names in the order an outgoing message goes through them. */
const ackOrder = ['pending', 'server', 'device', 'read']

let receiverPhone = ''

beforeAll(async () => {
  await e2e.kernel.createSession('alpha', 'Alpha desk')
  await e2e.kernel.createSession('bravo', 'Bravo desk')
  const bravo = await e2e.kernel.request<{ phone: string }>('GET', '/api/sessions/bravo')
  receiverPhone = bravo.body.phone
})

describe('messages', { timeout: browserTestTimeout }, () => {
  it('sends a message in a new chat and shows its ticks go up to "read" live', async () => {
    const { page } = await e2e.openSignedIn()
    await page.goto('/messages/alpha')
    await page.locator('[data-testid=new-chat]').click()
    // Another sandbox session's number: the message is delivered there too.
    await page.locator('#new-chat-to').fill(`+${receiverPhone}`)
    await page.locator('[data-testid=new-chat-submit]').click()
    await expect.poll(() => pathOf(page)).toBe(`/messages/alpha/${receiverPhone}@c.us`)
    await page.locator('[data-testid=chat-view]').waitFor()

    // Every ACK state the bubble shows, in order, recorded in the page as it changes.
    await page.evaluate(`(() => {
      const seen = (window.__ackSeen = [])
      const record = () => {
        const icon = document.querySelector('[data-testid=chat-view] [data-direction=out] [data-testid=ack-icon]')
        const value = icon && icon.getAttribute('data-ack')
        if (value && seen[seen.length - 1] !== value) seen.push(value)
      }
      new MutationObserver(record).observe(document.querySelector('[data-testid=chat-view]'), { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ack'] })
    })()`)

    const text = `Hello from the browser test ${Date.now()}`
    await page.locator('[data-testid=composer-text]').fill(text)
    await page.locator('[data-testid=composer-send]').click()
    const bubble = page.locator('[data-testid=chat-view] [data-testid^=message-][data-direction=out]', { hasText: text })
    await bubble.waitFor()
    await expect.poll(() => bubble.locator('[data-testid=ack-icon]').getAttribute('data-ack'), { timeout: 10_000 }).toBe('read')

    const seen = (await page.evaluate('window.__ackSeen')) as string[]
    // Seen changing live (not only drawn once as read), and never going backwards.
    expect(seen.length).toBeGreaterThanOrEqual(2)
    expect(seen.at(-1)).toBe('read')
    const positions = seen.map((name) => ackOrder.indexOf(name))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(await page.locator('[data-testid=composer-text]').inputValue()).toBe('')

    // The receiving session has it as an inbound message.
    const received = await e2e.kernel.request<{ items: Array<{ body: string; fromMe: boolean }> }>('GET', `/api/messages?clientId=bravo&limit=10`)
    expect(received.body.items.some((message) => message.body === text && !message.fromMe)).toBe(true)
  })

  it('shows an inbound message live in the open chat and in the conversation list', async () => {
    const { page } = await e2e.openSignedIn()
    const contact = '15557700123'
    const chatId = `${contact}@c.us`
    await page.goto('/messages/alpha')
    await page.locator('[data-testid=conversations]').waitFor()
    await page.locator('[data-testid=new-chat]').click()
    await page.locator('#new-chat-to').fill(`+${contact}`)
    await page.locator('[data-testid=new-chat-submit]').click()
    await page.locator('[data-testid=chat-view]').waitFor()
    expect(await page.locator(`[data-testid="chat-${chatId}"]`).count()).toBe(0)
    await markDocument(page)

    const first = await e2e.kernel.request<{ chatId: string }>('POST', '/api/sessions/alpha/sandbox/inbound', { body: { from: `+${contact}`, text: 'Is the shop open today?' } })
    expect(first.status).toBe(201)
    expect(first.body.chatId).toBe(chatId)
    await page.locator('[data-testid=chat-view] [data-direction=in]', { hasText: 'Is the shop open today?' }).waitFor()
    const listed = page.locator(`[data-testid="chat-${chatId}"]`)
    await listed.waitFor()
    await expect.poll(() => listed.textContent()).toContain('Is the shop open today?')

    // A second message from another contact: a new conversation appears, the open chat is unchanged.
    const other = '15557700456'
    await e2e.kernel.request('POST', '/api/sessions/alpha/sandbox/inbound', { body: { from: other, text: 'Another customer here' } })
    await page.locator(`[data-testid="chat-${other}@c.us"]`, { hasText: 'Another customer here' }).waitFor()
    expect(await page.locator('[data-testid=chat-view]', { hasText: 'Another customer here' }).count()).toBe(0)
    expect(await stillSameDocument(page)).toBe(true)
  })
})

describe('dashboard', { timeout: browserTestTimeout }, () => {
  it('can be left while its chart is still loading', async () => {
    // A message in the last 24 hours: the dashboard draws its chart.
    await e2e.kernel.request('POST', '/api/sessions/alpha/sandbox/inbound', { body: { from: '+15557700999', text: 'Hello' } })
    const panel = await e2e.open()
    const { page, context } = panel
    // Holds chart.js (recognised by its own error text, whatever the chunk is named) until released.
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let chartRequested!: (url: string) => void
    const chartUrl = new Promise<string>((resolve) => (chartRequested = resolve))
    await context.route('**/assets/*.js', async (route) => {
      const response = await route.fetch()
      const body = await response.text()
      if (body.includes('Failed to create chart')) {
        chartRequested(route.request().url())
        await released
      }
      await route.fulfill({ response, body })
    })

    await page.goto('/login')
    await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
    const url = await within(chartUrl, 15_000, 'the dashboard never asked for chart.js')
    await page.locator('[data-testid=menu-sessions]').click()
    await page.locator('[data-testid=session-create]').waitFor()

    // chart.js arrives once the dashboard is gone; importing it again resolves after it ran, and
    // a task later every callback waiting for it has run too. No error may have been logged.
    release()
    await page.evaluate(`import(${JSON.stringify(url)}).then(() => new Promise((resolve) => setTimeout(resolve, 0)))`)
    expect(panel.problems.all).toEqual([])
  })
})
