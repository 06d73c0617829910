import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { BrowserProblems } from './browser-problems.ts'
import { repoDir } from './e2e-paths.ts'

export type PanelLocale = 'en' | 'ar'

export interface OpenPanelOptions {
  /** The browser's own language (navigator.languages); the panel follows it on a first visit. */
  browserLocale?: PanelLocale
  /**
   * Start as a visitor who already answered the cookie banner and allowed preferences (so a
   * language choice is remembered). Off for tests of the banner itself.
   */
  consented?: boolean
  /** The window's size; a laptop's 1366 × 860 unless given. */
  viewport?: { width: number; height: number }
}

export interface PanelPage {
  context: BrowserContext
  page: Page
  problems: BrowserProblems
}

export const consentStorageKey = 'waqtor.consent'

/** What the cookie banner stores after "accept all" (version 1 of the consent record). */
const acceptedConsent = JSON.stringify({ version: 1, decidedAt: '2026-01-01T00:00:00.000Z', choices: { preferences: true, analytics: true } })

/** A fresh browser context (no cookies, no storage) on the kernel, with problem tracking. */
export async function openPanelPage(browser: Browser, baseURL: string, options: OpenPanelOptions = {}): Promise<PanelPage> {
  const context = await browser.newContext({
    baseURL,
    locale: options.browserLocale === 'ar' ? 'ar-SA' : 'en-US',
    viewport: options.viewport ?? { width: 1366, height: 860 },
    timezoneId: 'UTC',
    // As a user who asked for less motion: pages (the dashboard's chart) show their final state at once.
    reducedMotion: 'reduce',
  })
  if (options.consented ?? true) {
    // A string script: it runs in the page, before the panel's own code, on every navigation.
    // about:blank has no storage; the panel's pages do.
    const key = JSON.stringify(consentStorageKey)
    await context.addInitScript(`if (location.protocol.startsWith('http') && !localStorage.getItem(${key})) localStorage.setItem(${key}, ${JSON.stringify(acceptedConsent)})`)
  }
  // Actions wait for elements up to this long: a failing step reports well before the test's timeout.
  context.setDefaultTimeout(15_000)
  const problems = new BrowserProblems()
  problems.watch(context)
  const page = await context.newPage()
  return { context, page, problems }
}

/** Saves what the page shows after a failed test, to look at (test-artifacts/failures/). */
export async function saveFailureScreenshot(page: Page, testName: string): Promise<string | undefined> {
  if (page.isClosed()) return undefined
  const dir = path.join(repoDir, 'test-artifacts', 'failures')
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, `${testName.replace(/[^a-z0-9-]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.png`)
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
  return file
}
