import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linkRepositoryDependencies, listFiles, npmPack, type PackedTarball } from './pack-support.ts'

const run = promisify(execFile)
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const coreDir = path.join(repoRoot, 'core')
const examplePlugin = path.join(repoRoot, 'examples/plugins/contact-counter')

/**
 * @waqtor/core as a third party gets it: `npm pack` (which builds dist/), the tarball unpacked into
 * a plugin project outside the repository, and the example plugin's plain-JS test run there with
 * the packed harness. The npm cache here holds no registry metadata, so the tarball's dependencies
 * are linked from the repository's node_modules (the same versions its lock file installs).
 */
describe('the @waqtor/core package', () => {
  let work: string
  let tarball: PackedTarball
  let project: string
  let packageDir: string

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'waqtor-pack-'))
    tarball = await npmPack(coreDir, path.join(work, 'tarballs'))
    project = path.join(work, 'contact-counter')
    await cp(examplePlugin, project, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) })
    packageDir = path.join(project, 'node_modules/@waqtor/core')
    await mkdir(packageDir, { recursive: true })
    await run('tar', ['-xzf', tarball.file, '-C', packageDir, '--strip-components=1'])
    // Dependencies one folder up, as a hoisted install would place them; never the repository's core.
    await linkRepositoryDependencies(repoRoot, path.join(work, 'node_modules'), { nested: path.join(coreDir, 'node_modules'), skip: ['@waqtor'] })
  }, 120_000)
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('holds the compiled kernel, its declarations and the plugin schema, and no sources or tests', () => {
    expect(tarball.files).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'dist/plugin.schema.json']))
    expect(tarball.files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file))).toEqual([])
    expect(tarball.files.filter((file) => /\.test\.|test-fixtures|\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([])
  })

  it('has exports that point at files in the tarball', async () => {
    const manifest = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string> | string> }
    for (const [entry, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue
      expect(tarball.files, `${entry} types`).toContain(target.types?.replace(/^\.\//, ''))
      expect(tarball.files, `${entry} default`).toContain(target.default?.replace(/^\.\//, ''))
    }
  })

  it('imports only files that exist: no .ts specifiers left in its JavaScript or declarations', async () => {
    const offenders: string[] = []
    for (const file of await listFiles(path.join(packageDir, 'dist'))) {
      if (!/\.(js|d\.ts)$/.test(file)) continue
      const text = await readFile(file, 'utf8')
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const specifier = match[1] as string
        if (!specifier.endsWith('.js') && !specifier.endsWith('.json')) offenders.push(`${path.relative(packageDir, file)}: ${specifier}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('runs the example plugin’s plain-JavaScript test in an out-of-tree project', async () => {
    const vitest = path.join(repoRoot, 'node_modules/vitest/vitest.mjs')
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' }
    // Once, on SQLite: the PostgreSQL pass of the suite covers the harness on PostgreSQL.
    delete env.WAQTOR_TEST_DATABASE_URL
    delete env.VITEST
    delete env.VITEST_POOL_ID
    delete env.VITEST_WORKER_ID
    const resultsFile = path.join(work, 'plugin-test-results.json')
    const output = await run(process.execPath, [vitest, 'run', '--root', project, '--reporter', 'json', '--outputFile', resultsFile], { cwd: project, env, maxBuffer: 16 * 1024 * 1024 }).then(
      () => '',
      (error: { stdout?: string; stderr?: string; message: string }) => `${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
    )
    expect(output).toBe('')
    const results = JSON.parse(await readFile(resultsFile, 'utf8')) as { numTotalTests: number; numPassedTests: number; testResults: Array<{ name: string }> }
    expect(results.testResults.map((file) => path.relative(project, file.name))).toEqual(['test/contact-counter.test.js'])
    expect({ total: results.numTotalTests, passed: results.numPassedTests }).toEqual({ total: 5, passed: 5 })
  }, 90_000)

  it('gives TypeScript plugins real types for the harness and the plugin API', async () => {
    const consumer = path.join(project, 'types-check')
    await mkdir(consumer, { recursive: true })
    await writeFile(
      path.join(consumer, 'check.ts'),
      [
        "import { definePlugin, defineMigration, ManualClock, type PluginContext } from '@waqtor/core'",
        "import { createTestKernel, type TestKernel } from '@waqtor/core/testing'",
        'export const plugin = definePlugin({ register(plugin: PluginContext) { plugin.logger.info(plugin.id) } })',
        "export const migration = defineMigration({ name: 'x', up: async () => undefined })",
        'export async function check(): Promise<void> {',
        '  const harness: TestKernel = await createTestKernel({ manualClock: true })',
        '  const clock: ManualClock = harness.clock as ManualClock',
        '  await clock.advance(1000)',
        "  const reply = await harness.waitForReply('shop', '+966501112233', { timeoutMs: 100 })",
        '  // @ts-expect-error the message body is a string, so the harness is typed (not any)',
        '  const wrong: number = reply.body',
        '  void wrong',
        '}',
        '',
      ].join('\n'),
    )
    await writeFile(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['check.ts'] }),
    )
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc')
    const result = await run(process.execPath, [tsc, '-p', consumer], { cwd: consumer }).catch((error: { stdout?: string; message: string }) => ({ stdout: `${error.message}\n${error.stdout ?? ''}` }))
    expect(result.stdout).toBe('')
  }, 60_000)

  it('is what the plugin project imports: the unpacked tarball, its version, no source tree', async () => {
    const script = [
      "import { kernelVersion } from '@waqtor/core'",
      "import { readFileSync } from 'node:fs'",
      "import { fileURLToPath } from 'node:url'",
      "const manifest = JSON.parse(readFileSync(new URL('./node_modules/@waqtor/core/package.json', import.meta.url), 'utf8'))",
      "const resolved = ['@waqtor/core', '@waqtor/core/testing'].map((name) => fileURLToPath(import.meta.resolve(name)))",
      'console.log(JSON.stringify({ kernelVersion, version: manifest.version, resolved }))',
    ].join('\n')
    await writeFile(path.join(project, 'version.mjs'), script)
    const { stdout } = await run(process.execPath, ['version.mjs'], { cwd: project })
    const answer = JSON.parse(stdout) as { kernelVersion: string; version: string; resolved: string[] }
    expect(answer.kernelVersion).toBe(answer.version)
    expect(answer.resolved).toEqual([path.join(packageDir, 'dist/index.js'), path.join(packageDir, 'dist/testing/index.js')])
  })
})
