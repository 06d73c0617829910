/**
 * Panel bench: size of the production build and first-load times of the admin panel in Chromium.
 *   npm run bench:panel   (node --conditions=waqtor-source --import tsx bench/panel/run.ts)
 * Builds admin-ui/dist if its sources changed, starts a kernel serving it (SQLite in a temp
 * folder, a few sandbox sessions and messages so the dashboard has content), then measures:
 * - the build: JavaScript and CSS, raw and gzip, the largest files, what index.html names;
 * - what a cold first visit of /login, and of / signed in, downloads (Chromium's network events);
 * - load times over cold runs (fresh context, empty cache): Navigation Timing, first contentful
 *   paint, the frame the login form / dashboard content appeared in, login → dashboard.
 * Settings (environment): BENCH_PANEL_RUNS=10 (cold runs; one more first, not counted, warms the
 * kernel), BENCH_PANEL_LARGEST=8 (files listed). No thresholds: figures to compare over time.
 */
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createTestKernel, type TestKernel } from '@waqtor/core/testing'
import { launchChromium } from '../../test/e2e/support/chromium.ts'
import { measureBuild } from './build-size.ts'
import { coldRun, firstLoads, type ColdRun } from './page-loads.ts'
import { printReport, timingRows, writeResults } from './report.ts'

const settings = {
  runs: Number(process.env.BENCH_PANEL_RUNS ?? 10),
  largest: Number(process.env.BENCH_PANEL_LARGEST ?? 8),
  database: 'sqlite (temp file)',
}
const repoDir = fileURLToPath(new URL('../..', import.meta.url))
const distDir = path.join(repoDir, 'admin-ui', 'dist')
const resultsFile = fileURLToPath(new URL('../results/panel.json', import.meta.url))

async function buildPanel(): Promise<void> {
  const script = pathToFileURL(path.join(repoDir, 'admin-ui', 'scripts', 'ensure-built.mjs')).href
  const { ensurePanelBuilt } = (await import(script)) as { ensurePanelBuilt(options: { quiet: boolean }): Promise<{ built: boolean }> }
  await ensurePanelBuilt({ quiet: false })
}

/** Three sessions, a conversation between two of them and customers writing in. */
async function seed(kernel: TestKernel): Promise<void> {
  for (const [clientId, name] of [['sales', 'Sales desk'], ['support', 'Customer support'], ['branch', 'Branch office']]) await kernel.createSession(clientId!, name)
  const support = await kernel.request<{ phone: string }>('GET', '/api/sessions/support')
  for (let index = 0; index < 5; index++) {
    await kernel.request('POST', '/api/messages/send-text?clientId=sales', { body: { to: support.body.phone, text: `Order ${1000 + index} is ready` } })
    await kernel.request('POST', '/api/sessions/branch/sandbox/inbound', { body: { from: `+1555123000${index}`, text: 'Hello, is the branch open today?' } })
  }
}

await buildPanel()
const kernel = await createTestKernel({ adminPanel: true, builtinPlugins: true, config: { loginRateLimitPerMinute: 10_000, rateLimitPerMinute: 1_000_000, sandboxAckDelaysMs: [5, 10, 15, 20] } })
const browser = await launchChromium()
try {
  await seed(kernel)
  const credentials = { email: kernel.admin.email, password: kernel.admin.password }
  const build = await measureBuild(distDir)
  process.stdout.write(`… first loads\n`)
  await coldRun(browser, kernel.url, credentials) // warm-up: the kernel's first answers, not counted
  const firstLoad = await firstLoads(browser, kernel.url, credentials)
  const runs: ColdRun[] = []
  for (let run = 1; run <= settings.runs; run++) {
    process.stdout.write(`… cold run ${run}/${settings.runs}\n`)
    runs.push(await coldRun(browser, kernel.url, credentials))
  }
  const report = { build, firstLoad, timings: timingRows(runs), settings: { ...settings, chromium: browser.version() } }
  printReport(report, settings.largest)
  await writeResults(resultsFile, report)
  process.stdout.write(`figures written to ${resultsFile}\n`)
} finally {
  await browser.close()
  await kernel.close()
}
