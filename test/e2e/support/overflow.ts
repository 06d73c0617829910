import type { Page } from 'playwright-core'

/**
 * What scrolls sideways on the page: the document itself, and each table whose content is wider
 * than its box (named by the nearest data-testid). An empty list means everything fits the window.
 * On a phone, tables may scroll inside their box (`tables: false`); the page itself must not.
 */
export async function sidewaysOverflow(page: Page, { tables = true }: { tables?: boolean } = {}): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const found = []
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth + 1) found.push('document')
    for (const box of ${tables} ? document.querySelectorAll('.p-datatable-table-container') : []) {
      if (box.scrollWidth > box.clientWidth + 1) found.push(box.closest('[data-testid]')?.getAttribute('data-testid') ?? 'table')
    }
    return found
  })()`)) as string[]
}
