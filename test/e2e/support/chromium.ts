import { chromium, type Browser } from 'playwright-core'

/** The system Chromium (.ci/run installs it); WAQTOR_E2E_CHROMIUM points elsewhere. */
export const chromiumPath = process.env.WAQTOR_E2E_CHROMIUM ?? '/usr/bin/chromium'

/** Headless in a container, and quiet: no updates, sync or first-run work measured or waited for. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}
