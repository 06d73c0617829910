import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestKernel } from '@waqtor/core/testing'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchChromium } from './chromium.ts'
import { login } from './login.ts'
import { openPanelPage, saveFailureScreenshot, type OpenPanelOptions, type PanelPage } from './panel-page.ts'
import { startPanelKernel, type PanelKernelOptions } from './panel-kernel.ts'
import type { PluginWriter } from './temp-plugins.ts'

/**
 * A browser test runs a user flow of several page loads; on a slow CI machine (two cores, the
 * PostgreSQL run) that takes longer than the 30 s of the server tests. Each step still fails
 * after 15 s (the pages' default timeout), so a stuck step reports well before this.
 */
export const browserTestTimeout = 90_000

export interface E2eSuiteOptions extends PanelKernelOptions {
  /** Plugins written into a temp folder for this file and loaded by its kernel. */
  tempPlugins?: PluginWriter[]
}

export interface E2eSuite {
  readonly kernel: TestKernel
  readonly browser: Browser
  /** A fresh browser context on the panel; closed after the test, which fails on page or console errors. */
  open(options?: OpenPanelOptions): Promise<PanelPage>
  /** A fresh context, signed in as the admin through the login form. */
  openSignedIn(options?: OpenPanelOptions & { email?: string; password?: string }): Promise<PanelPage>
}

/**
 * One kernel and one Chromium for the test file (started together in beforeAll), and a fresh
 * browser context per `open()`. Every page's uncaught errors and console errors fail the test
 * that opened it; a failed test leaves a screenshot in test-artifacts/failures/.
 */
export function useE2eSuite(options: E2eSuiteOptions = {}): E2eSuite {
  let kernel: TestKernel | undefined
  let browser: Browser | undefined
  let pluginsDir: string | undefined
  let opened: PanelPage[] = []

  beforeAll(async () => {
    const { tempPlugins = [], ...kernelOptions } = options
    if (tempPlugins.length > 0) {
      pluginsDir = await mkdtemp(path.join(tmpdir(), 'waqtor-e2e-plugins-'))
      for (const write of tempPlugins) await write(pluginsDir)
      kernelOptions.pluginDirs = [...(kernelOptions.pluginDirs ?? []), pluginsDir]
    }
    const [startedKernel, launchedBrowser] = await Promise.allSettled([startPanelKernel(kernelOptions), launchChromium()])
    if (startedKernel.status === 'fulfilled') kernel = startedKernel.value
    if (launchedBrowser.status === 'fulfilled') browser = launchedBrowser.value
    if (startedKernel.status === 'rejected') throw startedKernel.reason
    if (launchedBrowser.status === 'rejected') throw launchedBrowser.reason
  })

  afterEach(async ({ task }) => {
    const panels = opened
    opened = []
    if (task.result?.state === 'fail') {
      const name = `${task.file.name.replace(/^.*\//, '').replace(/\.test\.ts$/, '')}-${task.name}`
      await Promise.all(panels.map((panel, index) => saveFailureScreenshot(panel.page, panels.length > 1 ? `${name}-${index + 1}` : name)))
    }
    const problems = panels.filter((panel) => panel.problems.all.length > 0).map((panel) => panel.problems.describe())
    await Promise.all(panels.map((panel) => panel.context.close().catch(() => undefined)))
    if (problems.length > 0) throw new Error(`the panel reported errors in the browser:\n${problems.join('\n')}`)
  })

  afterAll(async () => {
    await browser?.close()
    await kernel?.close()
    if (pluginsDir) await rm(pluginsDir, { recursive: true, force: true })
  })

  const suite: E2eSuite = {
    get kernel() {
      if (!kernel) throw new Error('the kernel is not started (beforeAll failed)')
      return kernel
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started (beforeAll failed)')
      return browser
    },
    async open(openOptions) {
      const panel = await openPanelPage(suite.browser, suite.kernel.url, openOptions)
      opened.push(panel)
      return panel
    },
    async openSignedIn(openOptions = {}) {
      const panel = await suite.open(openOptions)
      await panel.page.goto('/login')
      await login(panel, openOptions.email ?? suite.kernel.admin.email, openOptions.password ?? suite.kernel.admin.password)
      return panel
    },
  }
  return suite
}
