import type { Page } from 'playwright-core'

export interface DocumentLanguage {
  lang: string
  dir: string
}

/** `<html lang dir>` as the panel set them. */
export async function documentLanguage(page: Page): Promise<DocumentLanguage> {
  return (await page.evaluate('({ lang: document.documentElement.lang, dir: document.documentElement.dir })')) as DocumentLanguage
}

/** Arabic letters, and no Latin word: the text is Arabic, not English left behind. */
export const arabicOnly = /^[^A-Za-z]*[\u0600-\u06FF][^A-Za-z]*$/
