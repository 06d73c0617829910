import { describe, expect, it } from 'vitest'
import { chromiumLaunchOptions, resolveChromiumPath } from './chromium-launch.ts'

describe('resolveChromiumPath', () => {
  const none = () => false

  it('prefers the configured path, then CHROME_PATH', () => {
    expect(resolveChromiumPath('/opt/chrome', { CHROME_PATH: '/env/chrome' }, none)).toBe('/opt/chrome')
    expect(resolveChromiumPath(undefined, { CHROME_PATH: '/env/chrome' }, none)).toBe('/env/chrome')
  })

  it('falls back to the first system browser that exists, or null', () => {
    expect(resolveChromiumPath(undefined, {}, (path) => path === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome')
    expect(resolveChromiumPath(undefined, {}, none)).toBeNull()
  })
})

describe('chromiumLaunchOptions', () => {
  it('launches headless over a pipe, leaves signals to the kernel and appends extra flags', () => {
    const signal = new AbortController().signal
    const options = chromiumLaunchOptions('/usr/bin/chromium', ['--proxy-server=http://127.0.0.1:1'], signal)
    expect(options).toMatchObject({ executablePath: '/usr/bin/chromium', headless: true, pipe: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, signal })
    expect(options.args).toEqual(expect.arrayContaining(['--no-sandbox', '--no-zygote', '--js-flags=--max-old-space-size=512']))
    expect(options.args.at(-1)).toBe('--proxy-server=http://127.0.0.1:1')
  })
})
