import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserTestTimeout, useE2eSuite } from './support/e2e-suite.ts'
import { repoDir } from './support/e2e-paths.ts'
import { markDocument, pathOf, stillSameDocument } from './support/page-state.ts'
import { saveScreenshot } from './support/screenshots.ts'

// The lead form example: its run-time module served by the kernel, its leads pushed live over
// its own namespace while the page is open.
const leadFormDir = path.join(repoDir, 'examples', 'plugins', 'lead-form')
const e2e = useE2eSuite({ pluginDirs: [leadFormDir] })

describe('the lead form example\'s panel page', { timeout: browserTestTimeout }, () => {
  it('lists a session\'s leads, adds a new one live, and speaks Arabic', async () => {
    await e2e.kernel.createSession('estate', 'Estate desk')
    expect((await e2e.kernel.request('PUT', '/api/sessions/estate/plugins/lead-form', { body: { enabled: true } })).status).toBe(200)
    const fill = async (contact: string, answers: string[]) => {
      for (const text of answers) {
        await e2e.kernel.inbound('estate', contact, text)
        await e2e.kernel.waitForReply('estate', contact)
      }
    }
    await fill('+966500000101', ['ابغى شقة', 'نورة', '٨٠٠ ألف', '١'])

    const { page } = await e2e.openSignedIn()
    await page.locator('[data-testid=menu-lead-form-leads]').click()
    await expect.poll(() => pathOf(page)).toBe('/plugins/lead-form')
    await expect.poll(() => page.locator('[data-testid=lead-form-lead-name]').allInnerTexts()).toEqual(['نورة'])
    await markDocument(page)

    // Once the page listens on /plugins/lead-form, a lead completed on WhatsApp appears without a reload.
    await expect.poll(async () => {
      const stats = await e2e.kernel.request<{ subscriptions: Record<string, Record<string, number>> }>('GET', '/api/realtime/stats')
      return stats.body.subscriptions['/plugins/lead-form']?.leads ?? 0
    }).toBe(1)
    await fill('+966500000102', ['lead', 'Sarah Johnson', '1.2m', 'Hittin'])
    await expect.poll(() => page.locator('[data-testid=lead-form-lead-name]').allInnerTexts()).toEqual(['Sarah Johnson', 'نورة'])
    expect(await page.locator('[data-testid=lead-form-lead-new]').allInnerTexts()).toEqual(['New'])
    expect(await stillSameDocument(page)).toBe(true)
    await expect.poll(() => page.locator('[data-testid=lead-form-leads]').innerText()).toContain('1,200,000')
    await saveScreenshot(page, 'lead-form', 'en')

    await page.goto('/plugins/lead-form?lang=ar')
    await page.getByRole('heading', { name: 'نموذج العملاء' }).waitFor()
    await expect.poll(() => page.locator('[data-testid=lead-form-leads]').innerText()).toContain('الميزانية (ريال)')
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    await saveScreenshot(page, 'lead-form', 'ar')
  })
})
