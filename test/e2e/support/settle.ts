import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Placeholders the panel shows while it loads: skeleton rows, spinners. */
const loadingIndicators = '[data-testid=state-loading], .p-skeleton, .p-progressspinner, [aria-busy=true]'

/**
 * Waits until the page shows its content: the given elements visible, nothing loading, and charts
 * drawn to the end of their animation (a canvas that no longer changes between two looks).
 */
export async function waitForContent(page: Page, selectors: readonly string[]): Promise<void> {
  for (const selector of selectors) await page.locator(selector).first().waitFor()
  await expect.poll(() => page.locator(loadingIndicators).count()).toBe(0)
  let previous = ''
  await expect
    .poll(async () => {
      const current = (await page.evaluate('[...document.querySelectorAll("canvas")].map((canvas) => canvas.toDataURL()).join("|")')) as string
      const still = current === previous
      previous = current
      return still
    })
    .toBe(true)
}
