import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Role } from '../db/entities/user.ts'
import type { Logger } from '../logging/create-logger.ts'
import { createKernel, type Kernel } from '../kernel/create-kernel.ts'
import { createLogger } from '../logging/create-logger.ts'
import { createPostgresTestDatabase } from './test-database.ts'
import { ManualClock, type Clock } from '../clock/index.ts'
import { messageSent, type MessageEventPayload } from '../bus/core-events.ts'
import { createReplyWatch, type WaitForReplyOptions } from './reply-watch.ts'

export interface TestKernelOptions {
  /** Folders of plugins to load (each a plugin folder or a folder of them). */
  pluginDirs?: string[]
  /** npm package names of plugins to load. */
  pluginPackages?: string[]
  /** Load the repository's own plugins/* too (off by default, so a test sees only what it names). */
  builtinPlugins?: boolean
  /** Global plugin settings, as in the config file's `plugins` section. */
  plugins?: Record<string, Record<string, unknown>>
  /** Any other setting, as config-file keys (e.g. `{ rateLimitPerMinute: 5 }`). */
  config?: Record<string, unknown>
  /** Where npm plugin packages are looked up (node_modules from here upwards); the process cwd by default. */
  cwd?: string
  /** Log level; `WAQTOR_TEST_LOG_LEVEL` or silent by default. Ignored when `logger` is given. */
  logLevel?: string
  /** A logger to use instead of the silent one (e.g. writing to memory, to assert on log lines). */
  logger?: Logger
  /** Serve the built admin panel (admin-ui/dist) at `/`; off by default so unknown paths answer JSON 404s. */
  adminPanel?: boolean
  /**
   * Give the kernel a ManualClock (starting now, or at the given time) that the test moves with
   * `clock.advance(ms)`; `advance` returns once the jobs that fell due have run (and their retries
   * were planned). Jobs poll only once a day (`jobsPollIntervalMs`) unless `config` says otherwise.
   */
  manualClock?: boolean | Date
}

export interface TestResponse<T = unknown> {
  status: number
  headers: Headers
  body: T
}

export interface RequestOptions {
  body?: unknown
  /** A login token; the admin's unless `apiKey` or `anonymous` is given. */
  token?: string
  apiKey?: string
  anonymous?: boolean
  headers?: Record<string, string>
}

export interface TestKernel<C extends Clock = Clock> {
  kernel: Kernel
  /** The kernel's clock: a ManualClock (with `advance(ms)`) when the kernel was made with `manualClock`. */
  clock: C
  url: string
  dataDir: string
  admin: { email: string; password: string; token: string }
  /** Real HTTP to the listening kernel; JSON in and out. */
  request<T = unknown>(method: string, urlPath: string, options?: RequestOptions): Promise<TestResponse<T>>
  /** Creates a sandbox session and waits until it is ready. */
  createSession(clientId: string, name?: string): Promise<void>
  /** Creates a user through the API and logs in; returns the user's token. */
  createUser(role: Role, sessions?: string[]): Promise<{ id: string; email: string; password: string; token: string }>
  /** Creates an API key through the API; returns the secret. */
  createApiKey(role: Role, sessions?: string[]): Promise<{ id: string; key: string }>
  /**
   * A contact (`from`: a phone number) writes `text` to a sandbox session. Resolves once the
   * message is stored and `message.received` is emitted; plugins' handlers may still be running.
   */
  inbound(sessionId: string, from: string, text: string): Promise<{ messageId: string; chatId: string }>
  /**
   * The next message the kernel sends to `to` (a phone number or chat id) on that session, e.g. a
   * plugin's reply. Messages sent since the harness started count until a call takes them, each once,
   * oldest first; rejects after `timeoutMs` (5000 by default) of real time.
   */
  waitForReply(sessionId: string, to: string, options?: WaitForReplyOptions): Promise<MessageEventPayload>
  /** Stops this kernel and starts a new one on the same data folder, database and port. */
  restart(): Promise<TestKernel<C>>
  /** Stops the kernel and removes the data folder and database the harness created. */
  close(): Promise<void>
}

interface TestResources {
  dataDir: string
  databaseUrl: string | undefined
  /** Shared by restarts, so time does not jump back when a test restarts the kernel. */
  clock: Clock | undefined
  cleanup: () => Promise<void>
}

/**
 * Starts a real kernel on 127.0.0.1 with a random port and a fresh SQLite file (or a fresh
 * PostgreSQL database when WAQTOR_TEST_DATABASE_URL is set), seeded with a known admin.
 */
export async function createTestKernel(options: TestKernelOptions & { manualClock: true | Date }): Promise<TestKernel<ManualClock>>
export async function createTestKernel(options?: TestKernelOptions): Promise<TestKernel>
export async function createTestKernel(options: TestKernelOptions = {}): Promise<TestKernel<Clock>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'waqtor-test-'))
  const postgresBase = process.env.WAQTOR_TEST_DATABASE_URL
  const postgres = postgresBase ? await createPostgresTestDatabase(postgresBase) : undefined
  const clock = options.manualClock ? new ManualClock(options.manualClock === true ? Date.now() : options.manualClock) : undefined
  return startTestKernel(options, {
    dataDir,
    clock,
    databaseUrl: postgres?.url,
    async cleanup() {
      await rm(dataDir, { recursive: true, force: true })
      await postgres?.drop()
    },
  })
}

async function startTestKernel(options: TestKernelOptions, resources: TestResources, port = 0): Promise<TestKernel> {
  const { dataDir, databaseUrl } = resources
  const admin = { email: 'admin@test.local', password: 'test-admin-password-1234' }
  const kernel = createKernel({
    env: {},
    // Not the process's folder: a developer's own waqtor.config.json must not leak into tests.
    cwd: options.cwd ?? dataDir,
    logger: options.logger ?? createLogger(options.logLevel ?? process.env.WAQTOR_TEST_LOG_LEVEL ?? 'silent'),
    strictResponses: true,
    adminPanelDir: options.adminPanel ? undefined : null,
    clock: resources.clock,
    overrides: {
      port,
      host: '127.0.0.1',
      dataDir,
      databaseUrl,
      adminEmail: admin.email,
      adminPassword: admin.password,
      builtinPlugins: options.builtinPlugins ?? false,
      pluginDirs: options.pluginDirs,
      pluginPackages: options.pluginPackages,
      plugins: options.plugins,
      // With a manual clock the job runner wakes for each due job it knows of; polling every second
      // would make a test that moves a day ahead fire 86,400 polls.
      ...(resources.clock ? { jobsPollIntervalMs: 86_400_000 } : {}),
      ...options.config,
    },
  })
  const replies = createReplyWatch()
  kernel.bus.on(messageSent, (message) => replies.record(message), { id: 'test-kernel.replies' })
  await kernel.start()
  // Restored sessions start in the background; tests begin once they are up.
  await kernel.manager.launchesSettled()
  const url = kernel.url

  const request = async <T>(method: string, urlPath: string, requestOptions: RequestOptions = {}): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { ...requestOptions.headers }
    if (requestOptions.apiKey) headers['x-api-key'] = requestOptions.apiKey
    else if (!requestOptions.anonymous) headers.authorization = `Bearer ${requestOptions.token ?? adminToken}`
    if (requestOptions.body !== undefined) headers['content-type'] ??= 'application/json'
    const response = await fetch(`${url}${urlPath}`, {
      method,
      headers,
      body: requestOptions.body === undefined ? undefined : typeof requestOptions.body === 'string' ? requestOptions.body : JSON.stringify(requestOptions.body),
    })
    const text = await response.text()
    let body: unknown = text
    if (response.headers.get('content-type')?.includes('json') && text) body = JSON.parse(text)
    return { status: response.status, headers: response.headers, body: body as T }
  }

  const login = async (email: string, password: string): Promise<string> => {
    const response = await request<{ token: string }>('POST', '/api/auth/login', { anonymous: true, body: { email, password } })
    if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`)
    return response.body.token
  }
  let adminToken = ''
  adminToken = await login(admin.email, admin.password)

  let users = 0
  return {
    kernel,
    clock: kernel.clock,
    url,
    dataDir,
    admin: { ...admin, token: adminToken },
    request,
    async createSession(clientId, name) {
      await kernel.manager.create({ clientId, driver: 'sandbox', name })
      await kernel.manager.settled(clientId)
    },
    async createUser(role, sessions = []) {
      const email = `user${++users}-${Date.now()}@test.local`
      const password = 'test-user-password-1234'
      const created = await request<{ id: string }>('POST', '/api/users', { body: { email, name: email, password, role, sessions } })
      if (created.status !== 201) throw new Error(`creating a user failed: ${created.status} ${JSON.stringify(created.body)}`)
      return { id: created.body.id, email, password, token: await login(email, password) }
    },
    async createApiKey(role, sessions = []) {
      const created = await request<{ id: string; key: string }>('POST', '/api/keys', { body: { name: `${role} key`, role, sessions } })
      if (created.status !== 201) throw new Error(`creating a key failed: ${created.status} ${JSON.stringify(created.body)}`)
      return { id: created.body.id, key: created.body.key }
    },
    async inbound(sessionId, from, text) {
      const sent = await request<{ messageId: string; chatId: string }>('POST', `/api/sessions/${encodeURIComponent(sessionId)}/sandbox/inbound`, { body: { from, text } })
      if (sent.status !== 201) throw new Error(`inbound message to session ${sessionId} failed: ${sent.status} ${JSON.stringify(sent.body)}`)
      return sent.body
    },
    waitForReply(sessionId, to, waitOptions) {
      return replies.next(sessionId, to, waitOptions)
    },
    async restart() {
      replies.stop('the kernel restarted; ask the restarted harness')
      await kernel.stop()
      return startTestKernel(options, resources, new URL(url).port === '' ? 0 : Number(new URL(url).port))
    },
    async close() {
      replies.stop('the test kernel was closed')
      await kernel.stop()
      await resources.cleanup()
    },
  }
}
