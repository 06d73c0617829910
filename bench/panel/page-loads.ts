import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import { gzipSize, totalsOf, type SizeTotals } from './build-size.ts'

/** Where the panel shows real content; the marks the page records when each appears. */
export const loginFormSelector = '#login-email'
export const dashboardSelectors = { dashboardSessions: '[data-testid=dashboard-sessions] [data-testid=sessions-total]', dashboardChart: '[data-testid=dashboard-chart] canvas' }

/**
 * Runs in the page before its own code: records (performance.now(), ms from the start of the
 * navigation) when each element is first on screen (just after the paint of the frame it appeared
 * in), and when the login form is submitted.
 * A string, as the page runs it; it must not depend on this file's compiled code.
 */
const marksScript = `(() => {
  const marks = (window.__benchMarks = {})
  const targets = ${JSON.stringify({ loginForm: loginFormSelector, ...dashboardSelectors })}
  const check = () => {
    for (const name of Object.keys(targets)) {
      if (marks[name] !== undefined || !document.querySelector(targets[name])) continue
      marks[name] = null
      // The next frame, then a task after its paint: the element is on screen by then.
      requestAnimationFrame(() => setTimeout(() => { marks[name] = performance.now() }, 0))
    }
  }
  document.addEventListener('submit', () => { marks.submitted = performance.now() }, true)
  new MutationObserver(check).observe(document, { childList: true, subtree: true })
})()`

export interface LoadTimings {
  /** Navigation Timing: the HTML fully received. */
  responseEnd: number
  domContentLoaded: number
  load: number
  firstContentfulPaint: number
  /** Just after the paint of the frame the element appeared in. */
  contentVisible: number
}

export interface Marks {
  loginForm?: number
  dashboardSessions?: number
  dashboardChart?: number
  submitted?: number
}

async function marksOf(page: Page): Promise<Marks> {
  return (await page.evaluate('window.__benchMarks')) as Marks
}

async function waitForMarks(page: Page, names: Array<keyof Marks>): Promise<Marks> {
  await page.waitForFunction(`(${JSON.stringify(names)}).every((name) => typeof window.__benchMarks[name] === 'number')`, undefined, { timeout: 30_000 })
  return marksOf(page)
}

async function navigationTimings(page: Page): Promise<Omit<LoadTimings, 'contentVisible'>> {
  await page.waitForFunction("performance.getEntriesByName('first-contentful-paint').length > 0 && performance.getEntriesByType('navigation')[0].loadEventEnd > 0", undefined, { timeout: 30_000 })
  return (await page.evaluate(`(() => {
    const navigation = performance.getEntriesByType('navigation')[0]
    return {
      responseEnd: navigation.responseEnd,
      domContentLoaded: navigation.domContentLoadedEventEnd,
      load: navigation.loadEventEnd,
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    }
  })()`)) as Omit<LoadTimings, 'contentVisible'>
}

export interface Credentials {
  email: string
  password: string
}

async function freshContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 860 }, locale: 'en-US' })
  // The cookie banner decided, as for a returning visitor; it changes nothing of what loads.
  await context.addInitScript(`if (location.protocol.startsWith('http')) localStorage.setItem('waqtor.consent', JSON.stringify({ version: 1, decidedAt: new Date().toISOString(), choices: { preferences: true, analytics: true } }))`)
  await context.addInitScript(marksScript)
  return context
}

/** Signs the context in through the API (the cookie is set as after the login form). */
async function signIn(context: BrowserContext, credentials: Credentials): Promise<void> {
  const answer = await context.request.post('/api/auth/login', { data: credentials })
  if (!answer.ok()) throw new Error(`login failed: ${answer.status()}`)
}

export interface ColdRun {
  login: LoadTimings
  /** From submitting the login form to the dashboard's content on screen (same page, no reload). */
  loginToDashboard: number
  /** A signed-in user opening / in a fresh browser. */
  dashboard: LoadTimings
}

/** One cold visit (empty cache, fresh context) of /login and signing in, then one of / signed in. */
export async function coldRun(browser: Browser, baseURL: string, credentials: Credentials): Promise<ColdRun> {
  const loginContext = await freshContext(browser, baseURL)
  try {
    const page = await loginContext.newPage()
    await page.goto('/login')
    const loginMarks = await waitForMarks(page, ['loginForm'])
    const login = { ...(await navigationTimings(page)), contentVisible: loginMarks.loginForm! }
    await page.locator('#login-email').fill(credentials.email)
    await page.locator('#login-password').fill(credentials.password)
    await page.locator('[data-testid=login-submit]').click()
    const after = await waitForMarks(page, ['submitted', 'dashboardSessions', 'dashboardChart'])
    const loginToDashboard = Math.max(after.dashboardSessions!, after.dashboardChart!) - after.submitted!

    const dashboardContext = await freshContext(browser, baseURL)
    try {
      await signIn(dashboardContext, credentials)
      const dashboardPage = await dashboardContext.newPage()
      await dashboardPage.goto('/')
      const marks = await waitForMarks(dashboardPage, ['dashboardSessions', 'dashboardChart'])
      const dashboard = { ...(await navigationTimings(dashboardPage)), contentVisible: Math.max(marks.dashboardSessions!, marks.dashboardChart!) }
      return { login, loginToDashboard, dashboard }
    } finally {
      await dashboardContext.close()
    }
  } finally {
    await loginContext.close()
  }
}

export interface Download {
  path: string
  type: string
  raw: number
  gzip: number
  /** Bytes of the body as the kernel sent them (compressed when it compressed them). */
  sent: number
}

export interface FirstLoad {
  /** Bytes of every panel file's body as sent over the connection. */
  sentBytes: number
  downloads: Download[]
  totals: SizeTotals
  byType: Record<string, SizeTotals>
  /** Calls to the API during the load (not counted in the sizes). */
  apiCalls: number
}

/**
 * Everything the browser downloads from the panel (not the API) on a cold load, as Chromium's
 * network events report it: index.html, the entry, its preloads, and the lazy chunks the page asks
 * for until its content is on screen and no asset request is left.
 */
async function recordFirstLoad(page: Page, open: () => Promise<void>): Promise<FirstLoad> {
  const pending: Array<Promise<Download | null>> = []
  let apiCalls = 0
  let lastAssetAt = Date.now()
  let inFlight = 0
  const isApi = (pathname: string) => /^\/(api|socket\.io)(\/|$)/.test(pathname)
  page.on('request', (request) => {
    if (isApi(new URL(request.url()).pathname)) apiCalls++
    else {
      inFlight++
      lastAssetAt = Date.now()
    }
  })
  const settle = () => {
    inFlight--
    lastAssetAt = Date.now()
  }
  page.on('requestfailed', (request) => {
    if (!isApi(new URL(request.url()).pathname)) settle()
  })
  page.on('requestfinished', (request) => {
    const url = new URL(request.url())
    if (isApi(url.pathname) || url.origin !== new URL(page.url()).origin) return
    settle()
    pending.push(
      request.response().then(async (response: Response | null) => {
        if (!response || response.status() !== 200) return null
        const body = await response.body()
        const sent = (await request.sizes()).responseBodySize
        return { path: url.pathname, type: request.resourceType(), raw: body.length, gzip: gzipSize(body), sent }
      }),
    )
  })
  await open()
  // No asset requested for half a second, none in flight: the load is over (lazy chunks included).
  while (inFlight > 0 || Date.now() - lastAssetAt < 500) await new Promise((resolve) => setTimeout(resolve, 50))
  const downloads = (await Promise.all(pending)).filter((item): item is Download => item !== null).sort((a, b) => b.raw - a.raw)
  const types = [...new Set(downloads.map((item) => item.type))]
  return { sentBytes: downloads.reduce((sum, item) => sum + item.sent, 0), downloads, totals: totalsOf(downloads), byType: Object.fromEntries(types.map((type) => [type, totalsOf(downloads.filter((item) => item.type === type))])), apiCalls }
}

/** What a first visit of /login downloads, and what a signed-in first visit of / downloads. */
export async function firstLoads(browser: Browser, baseURL: string, credentials: Credentials): Promise<{ login: FirstLoad; dashboard: FirstLoad }> {
  const loginContext = await freshContext(browser, baseURL)
  const dashboardContext = await freshContext(browser, baseURL)
  try {
    const loginPage = await loginContext.newPage()
    const login = await recordFirstLoad(loginPage, async () => {
      await loginPage.goto('/login')
      await waitForMarks(loginPage, ['loginForm'])
    })
    await signIn(dashboardContext, credentials)
    const dashboardPage = await dashboardContext.newPage()
    const dashboard = await recordFirstLoad(dashboardPage, async () => {
      await dashboardPage.goto('/')
      await waitForMarks(dashboardPage, ['dashboardSessions', 'dashboardChart'])
    })
    return { login, dashboard }
  } finally {
    await loginContext.close()
    await dashboardContext.close()
  }
}
