import { accessSync, constants } from 'node:fs'

/** Where a system Chromium or Chrome usually lives (Debian/Ubuntu, older Ubuntu, Google's package). */
export const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'] as const

/**
 * Flags on top of puppeteer's defaults. Puppeteer already passes --disable-background-networking,
 * --disable-sync, --no-first-run, --disable-default-apps, --disable-dev-shm-usage, --disable-extensions,
 * --mute-audio (headless) and --disable-crash-reporter; repeating them is harmless and keeps them if
 * puppeteer's defaults change.
 */
export const chromiumArgs = [
  // Chromium refuses to run its sandbox as root, the usual case in containers; it only ever loads WhatsApp Web.
  '--no-sandbox',
  // No GPU on servers: avoids a GPU process trying hardware paths (it falls back to software anyway).
  '--disable-gpu',
  // Docker's 64 MB /dev/shm makes Chromium crash; use /tmp.
  '--disable-dev-shm-usage',
  // Background traffic (component updates, sync, safe-browsing lists) costs memory and shows up as noise.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  // Without the (already disabled) sandbox the zygote only adds processes; needs --no-sandbox.
  '--no-zygote',
  // WhatsApp Web needs one renderer (plus its service worker): cap the rest.
  '--renderer-process-limit=2',
  // Caps V8's heap per renderer. A renderer that passes it crashes; the driver reports that as a
  // disconnect and the manager restarts the browser. Large accounts may need more.
  '--js-flags=--max-old-space-size=512',
] as const

/** The subset of puppeteer's launch options the driver sets (assignable to whatsapp-web.js's `puppeteer` option). */
export interface ChromiumLaunchOptions {
  executablePath: string
  headless: boolean
  /** CDP over a pipe: when Node dies, even by SIGKILL, Chromium sees the pipe close and exits instead of lingering. */
  pipe: boolean
  args: string[]
  /** The kernel shuts sessions down on SIGINT/SIGTERM; puppeteer's own handlers would kill browsers first (and exit on SIGINT). */
  handleSIGINT: boolean
  handleSIGTERM: boolean
  handleSIGHUP: boolean
  /** Aborting kills the browser's process group, also while puppeteer is still launching it. */
  signal?: AbortSignal
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The configured path, else CHROME_PATH, else the first system browser found; null when there is none. */
export function resolveChromiumPath(configured: string | undefined, env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = isExecutable): string | null {
  const explicit = configured || env.CHROME_PATH
  if (explicit) return explicit
  return chromiumCandidates.find((candidate) => exists(candidate)) ?? null
}

export function chromiumLaunchOptions(executablePath: string, extraArgs: readonly string[] = [], signal?: AbortSignal): ChromiumLaunchOptions {
  return {
    executablePath,
    headless: true,
    pipe: true,
    args: [...chromiumArgs, ...extraArgs],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    ...(signal ? { signal } : {}),
  }
}
