import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserTestTimeout, useE2eSuite } from './support/e2e-suite.ts'
import { login } from './support/login.ts'

const e2e = useE2eSuite()

/** Menu entries whose centre, once scrolled into the side menu's view, shows something else on top. */
async function coveredMenuItems(page: Page): Promise<string[]> {
  const items = page.locator('[data-testid=sidebar] [data-testid^=menu-]')
  const covered: string[] = []
  for (let index = 0; index < (await items.count()); index++) {
    const item = items.nth(index)
    await item.scrollIntoViewIfNeeded()
    const hit = await item.evaluate((element) => {
      const box = element.getBoundingClientRect()
      const top = element.ownerDocument.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      return { testId: element.getAttribute('data-testid') ?? '', onTop: top !== null && element.contains(top), coveredBy: top?.closest('[data-testid]')?.getAttribute('data-testid') ?? top?.tagName ?? 'nothing' }
    })
    if (!hit.onTop) covered.push(`${hit.testId} (under ${hit.coveredBy})`)
  }
  return covered
}

describe('the sign-in page and the cookie banner', { timeout: browserTestTimeout }, () => {
  it('opens the sign-in page without a failed request or a console error', async () => {
    const panel = await e2e.open({ consented: false })
    const { page } = panel
    // Strict from the first request: not even a 401 while the panel asks who is signed in.
    panel.problems.expectUnauthorized = false
    const failedAnswers: string[] = []
    page.on('response', (response) => {
      if (response.status() >= 400) failedAnswers.push(`${response.status()} ${new URL(response.url()).pathname}`)
    })

    await page.goto('/')
    await page.locator('[data-testid=login-form]').waitFor()
    await page.locator('[data-testid=cookie-consent]').waitFor()
    await page.goto('/login?lang=ar')
    await page.locator('[data-testid=login-form]').waitFor()

    expect(failedAnswers).toEqual([])
    expect(panel.problems.describe()).toBe('')
  })

  it('never covers the side menu at 1280 × 720, in English and Arabic, until the visitor chooses', async () => {
    const panel = await e2e.open({ consented: false, viewport: { width: 1280, height: 720 } })
    const { page } = panel
    await page.goto('/login')
    await login(panel, e2e.kernel.admin.email, e2e.kernel.admin.password)
    const banner = page.locator('[data-testid=cookie-consent]')
    await banner.waitFor()

    expect(await page.locator('[data-testid=sidebar] [data-testid^=menu-]').count()).toBeGreaterThan(3)
    expect(await coveredMenuItems(page)).toEqual([])
    const sidebar = await page.locator('[data-testid=sidebar]').boundingBox()
    const bar = await banner.boundingBox()
    expect(sidebar!.y + sidebar!.height).toBeLessThanOrEqual(bar!.y + 0.5)

    await page.goto('/sessions?lang=ar')
    await page.locator('html[dir=rtl]').waitFor()
    await banner.waitFor()
    expect(await coveredMenuItems(page)).toEqual([])

    // Once the visitor chooses, the menu takes the whole height again.
    await page.locator('[data-testid=consent-reject]').click()
    await banner.waitFor({ state: 'detached' })
    const fullHeight = await page.locator('[data-testid=sidebar]').boundingBox()
    expect(fullHeight!.y + fullHeight!.height).toBe(720)
  })
})
