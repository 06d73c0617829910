import type { Page } from 'playwright-core'

/** The path of the page's address (`/messages/alpha`), for polling after client-side navigation. */
export function pathOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).pathname)
}

/**
 * Marks the current document; `stillSameDocument` tells later whether the page was reloaded
 * meanwhile (a reload starts a new document without the mark). For "updates live" assertions.
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate('window.__e2eDocumentMark = true')
}

export async function stillSameDocument(page: Page): Promise<boolean> {
  return (await page.evaluate('window.__e2eDocumentMark === true')) === true
}
