import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core'

export interface BrowserProblem {
  kind: 'pageerror' | 'console'
  text: string
  /** Where the problem came from (script or failed resource), when the browser says. */
  source: string
}

/** Chromium's console line for a request answered with an error status (it logs every one). */
const failedResource = /^Failed to load resource: the server responded with a status of (\d{3})\b/

interface ExpectedAnswer {
  status: number
  urlPart: string
}

/**
 * Uncaught errors and console errors of every page of a browser context. A test fails when any
 * were seen, except "401 Unauthorized" answers while `expectUnauthorized` is set (before signing
 * in, where a test may type a wrong password; a login ended on purpose) and answers a test
 * announced with `expectAnswer`. Opening the sign-in page itself answers no 401
 * (login-and-banner.test.ts checks that with `expectUnauthorized` off).
 */
export class BrowserProblems {
  expectUnauthorized = true
  private readonly seen: BrowserProblem[] = []
  private readonly expected: ExpectedAnswer[] = []

  /** A test that provokes an error answer on purpose (a refused form) says so here. */
  expectAnswer(status: number, urlPart: string): void {
    this.expected.push({ status, urlPart })
  }

  watch(context: BrowserContext): void {
    for (const page of context.pages()) this.watchPage(page)
    context.on('page', (page) => this.watchPage(page))
  }

  private watchPage(page: Page): void {
    page.on('pageerror', (error) => this.seen.push({ kind: 'pageerror', text: error.stack ?? error.message, source: page.url() }))
    page.on('console', (message) => this.onConsole(message))
  }

  private onConsole(message: ConsoleMessage): void {
    if (message.type() !== 'error') return
    const text = message.text()
    const source = message.location().url
    const status = Number(failedResource.exec(text)?.[1] ?? 0)
    if (status === 401 && this.expectUnauthorized) return
    if (this.expected.some((answer) => answer.status === status && source.includes(answer.urlPart))) return
    this.seen.push({ kind: 'console', text, source })
  }

  get all(): readonly BrowserProblem[] {
    return this.seen
  }

  describe(): string {
    return this.seen.map((problem) => `${problem.kind}: ${problem.text}${problem.source ? ` (${problem.source})` : ''}`).join('\n')
  }
}
