import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { screenshotsDir } from './e2e-paths.ts'
import type { PanelLocale } from './panel-page.ts'

/** Saves the whole page as test-artifacts/screenshots/<name>-<locale>.png and returns the file. */
export async function saveScreenshot(page: Page, name: string, locale: PanelLocale): Promise<string> {
  await mkdir(screenshotsDir, { recursive: true })
  const file = path.join(screenshotsDir, `${name}-${locale}.png`)
  // Fonts and icons loaded, so the picture shows the page as people see it.
  await page.evaluate('document.fonts.ready.then(() => true)')
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' })
  return file
}
