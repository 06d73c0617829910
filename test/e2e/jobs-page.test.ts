import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { accessibilityProblems } from './support/accessibility.ts'
import { documentLanguage } from './support/direction.ts'
import { browserTestTimeout, useE2eSuite } from './support/e2e-suite.ts'
import { sidewaysOverflow } from './support/overflow.ts'
import type { PanelLocale } from './support/panel-page.ts'
import { saveScreenshot } from './support/screenshots.ts'
import { waitForContent } from './support/settle.ts'

/** The Background jobs page in a real browser: on a phone, in both languages, with Retry and Cancel. */
const jobFixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../core/src/jobs/test-fixtures')
const e2e = useE2eSuite({ pluginDirs: [jobFixtures] })

interface JobView {
  id: string
  status: string
}

async function enqueue(name: string, payload: unknown, options?: unknown): Promise<string> {
  const response = await e2e.kernel.request<{ id: string }>('POST', '/api/plugins/job-fixture/enqueue', { body: { name, payload, options } })
  if (response.status !== 200) throw new Error(`enqueue failed: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body.id
}

const jobStatus = async (id: string) => (await e2e.kernel.request<JobView>('GET', `/api/jobs/${id}`)).body.status

let failedId = ''

beforeAll(async () => {
  failedId = await enqueue('flaky', { failTimes: 99 }, { maxAttempts: 1 })
  await e2e.kernel.request('POST', '/api/plugins/job-fixture/schedule', { body: { name: 'tick', cron: '0 9 * * *', payload: {}, options: { key: 'daily', timezone: 'Asia/Riyadh' } } })
  await e2e.kernel.kernel.jobs.idle()
})

describe('Background jobs page', () => {
  for (const locale of ['en', 'ar'] satisfies PanelLocale[]) {
    it(`fits a 390 px wide screen in ${locale === 'en' ? 'English' : 'Arabic'} and cancels a pending job`, { timeout: browserTestTimeout }, async () => {
      const pendingId = await enqueue('record', { locale }, { delayMs: 3_600_000 })
      const { page } = await e2e.openSignedIn({ browserLocale: locale, viewport: { width: 390, height: 844 } })
      await page.goto('/jobs')
      await waitForContent(page, [`[data-testid=job-error-${failedId}]`, `[data-testid=job-cancel-${pendingId}]`, '[data-testid=job-cron]'])
      expect((await documentLanguage(page)).dir).toBe(locale === 'ar' ? 'rtl' : 'ltr')
      expect(await sidewaysOverflow(page, { tables: false }), 'the jobs page scrolls sideways').toEqual([])
      expect(await accessibilityProblems(page), 'the jobs page has accessibility problems').toEqual([])
      await saveScreenshot(page, 'phone-jobs', locale)

      await page.locator(`[data-testid=job-cancel-${pendingId}]`).click()
      await page.locator('.p-confirmdialog .p-button-danger').click()
      await page.locator(`[data-testid=job-status-${pendingId}]`).filter({ hasText: locale === 'ar' ? 'ملغاة' : 'Cancelled' }).waitFor()
      expect(await jobStatus(pendingId)).toBe('cancelled')
    })
  }

  it('runs a failed job again with Retry', { timeout: browserTestTimeout }, async () => {
    const { page } = await e2e.openSignedIn()
    await page.goto('/jobs?status=failed')
    await page.locator(`[data-testid=job-retry-${failedId}]`).click()
    await page.getByText('The job will run again now.').waitFor()
    await e2e.kernel.kernel.jobs.idle()
    // It fails again (the fixture fails 99 times), after running once more.
    const runs = (await e2e.kernel.request<{ runs: Array<{ id: string }> }>('GET', '/api/plugins/job-fixture/runs')).body.runs
    expect(runs.filter((run) => run.id === failedId)).toHaveLength(2)
  })
})
