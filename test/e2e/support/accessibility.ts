import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
let axeSource: Promise<string> | undefined

export interface AccessibilityProblem {
  rule: string
  impact: string
  help: string
  /** CSS selectors of the first few elements that break the rule. */
  targets: string[]
}

/**
 * Runs axe-core in the page against WCAG 2.1 A and AA and axe's best practices (landmarks,
 * headings), and returns the moderate, serious and critical problems (an empty list when there
 * are none).
 */
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  // Colours are measured as they end up: let fades and transitions (a message appearing) finish.
  await page.evaluate(`Promise.all(document.getAnimations().filter((animation) => animation.effect?.getTiming().iterations !== Infinity).map((animation) => animation.finished.catch(() => undefined)))`)
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  // Evaluated through the browser's debugging protocol, which the panel's Content-Security-Policy
  // (no inline scripts) does not govern; a <script> tag would be refused.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(await axeSource)
  const results = (await page.evaluate(`window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })`)) as {
    violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>
  }
  return results.violations
    .filter((violation) => violation.impact !== null && violation.impact !== 'minor')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    }))
}
