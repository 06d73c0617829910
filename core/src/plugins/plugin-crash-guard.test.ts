import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixturePath, type PluginList, type PluginListItem } from './test-fixtures/fixture-helpers.ts'

// `npm start` as an operator runs it, with plugins that let errors escape: the process must not end.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
/** Guards against a hang only; start-up compiles the kernel with tsx, which is slow on a busy machine. */
const guardMs = 90_000

describe('a plugin that lets an error escape, under npm start', () => {
  let child: ChildProcess
  let workDir: string
  let stdout = ''
  let stderr = ''
  let baseUrl: string
  let token: string
  let exitCode: number | null = null

  const call = async <T>(urlPath: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${urlPath}`, { headers: { authorization: `Bearer ${token}` } })
    return { status: response.status, body: (await response.json()) as T }
  }
  const plugins = async () => (await call<PluginList>('/api/plugins')).body.items
  const settled = async (): Promise<PluginListItem[]> => {
    for (;;) {
      const items = await plugins()
      if (['timer-throws', 'stray-rejection'].every((id) => items.find((item) => item.id === id)?.status === 'failed')) return items
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'waqtor-crash-'))
    const configFile = path.join(workDir, 'empty.config.json')
    writeFileSync(configFile, '{}')
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(WAQTOR_|PORT$|HOST$|DATABASE_URL$|LOG_LEVEL$|NODE_OPTIONS$)/.test(name)))
    child = spawn(process.execPath, ['--conditions=waqtor-source', '--import', 'tsx', 'core/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...inherited,
        WAQTOR_CONFIG: configFile,
        WAQTOR_BUILTIN_PLUGINS: 'false',
        WAQTOR_PLUGIN_DIRS: fixturePath('crashes'),
        WAQTOR_DATA_DIR: path.join(workDir, 'data'),
        WAQTOR_ADMIN_EMAIL: 'admin@crash.test',
        WAQTOR_ADMIN_PASSWORD: 'crash-test-password-123',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('exit', (code) => (exitCode = code))
    baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`WaQtor did not start\nstdout: ${stdout}\nstderr: ${stderr}`)), guardMs)
      const check = () => {
        const match = /running on (http:\/\/[^\s]+)/.exec(stdout)
        if (match?.[1]) {
          clearTimeout(timer)
          resolve(match[1])
        }
      }
      child.stdout?.on('data', check)
      child.once('exit', () => reject(new Error(`WaQtor exited\nstdout: ${stdout}\nstderr: ${stderr}`)))
    })
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@crash.test', password: 'crash-test-password-123' }) })
    token = ((await login.json()) as { token: string }).token
  }, guardMs + 10_000)

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await gone
    }
    rmSync(workDir, { recursive: true, force: true })
  })

  it('fails the plugin that threw in a timer and the one that left a rejection, and keeps serving', async () => {
    const items = await settled()
    const timer = items.find((item) => item.id === 'timer-throws')
    expect(timer?.error).toMatchObject({ code: 'PLUGIN_CRASHED', details: { kind: 'uncaughtException' } })
    expect(timer?.error?.message).toContain('plugin "timer-throws"')
    expect(timer?.error?.message).toContain('the CRM answered something unexpected')
    const stray = items.find((item) => item.id === 'stray-rejection')
    expect(stray?.error).toMatchObject({ code: 'PLUGIN_CRASHED', details: { kind: 'unhandledRejection' } })
    expect(stray?.error?.message).toContain('sync failed and nobody awaited it')
    expect(items.find((item) => item.id === 'steady')?.status).toBe('started')
    expect(exitCode).toBeNull()
  }, guardMs)

  it('undoes what the crashed plugin registered, while the others answer', async () => {
    await settled()
    expect((await call<{ error: { code: string } }>('/api/plugins/timer-throws/alive')).body.error.code).toBe('PLUGIN_NOT_AVAILABLE')
    expect(await call('/api/plugins/steady/ping')).toEqual({ status: 200, body: { pong: true } })
    expect((await fetch(`${baseUrl}/ready`)).status).toBe(200)
  }, guardMs)
})
