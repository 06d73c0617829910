import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linkRepositoryDependencies, listFiles, npmPack, type PackedTarball } from './pack-support.ts'

const run = promisify(execFile)
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const kitDir = path.join(repoRoot, 'admin-ui/kit')

/**
 * @waqtor/admin-kit as a plugin author gets it: `npm pack` (which builds it), unpacked into a
 * plugin project outside the repository, then imported by Node and type-checked by TypeScript.
 * Vue, PrimeVue and the other shared libraries are the plugin's own (linked from the repository).
 */
describe('the @waqtor/admin-kit package', () => {
  let work: string
  let tarball: PackedTarball
  let project: string
  let packageDir: string

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'waqtor-kit-pack-'))
    tarball = await npmPack(kitDir, path.join(work, 'tarballs'))
    project = path.join(work, 'acme-crm')
    packageDir = path.join(project, 'node_modules/@waqtor/admin-kit')
    await mkdir(packageDir, { recursive: true })
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'acme-crm', private: true, type: 'module' }))
    await run('tar', ['-xzf', tarball.file, '-C', packageDir, '--strip-components=1'])
    await linkRepositoryDependencies(repoRoot, path.join(work, 'node_modules'), { skip: ['@waqtor'] })
  }, 120_000)
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('holds the ES build, its stylesheet and declarations, and no sources', () => {
    expect(tarball.files).toEqual(
      expect.arrayContaining(['package.json', 'dist/index.js', 'dist/module.js', 'dist/admin-kit.css', 'dist/types/kit/index.d.ts', 'dist/types/modules/admin-module.d.ts']),
    )
    expect(tarball.files.filter((file) => !file.startsWith('dist/') && file !== 'package.json')).toEqual([])
    expect(tarball.files.filter((file) => /\.(ts|vue)$/.test(file) && !file.endsWith('.d.ts'))).toEqual([])
  })

  it('leaves the libraries the panel shares as imports instead of bundling a second copy', async () => {
    const build = await readFile(path.join(packageDir, 'dist/index.js'), 'utf8')
    const imported = [...build.matchAll(/from\s*["']([^"'./][^"']*)["']/g)].map((match) => match[1] as string)
    expect(new Set(imported.map((name) => name.split('/')[0]))).toEqual(new Set(['vue', 'vue-i18n', 'pinia', 'primevue', 'socket.io-client']))
    expect(build).not.toMatch(/createApp\s*\(/)
  })

  it('points every declaration import at a file in the package', async () => {
    const missing: string[] = []
    for (const file of await listFiles(path.join(packageDir, 'dist/types'))) {
      const text = await readFile(file, 'utf8')
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const specifier = match[1] as string
        const declaration = path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.d.ts'))
        if (!specifier.endsWith('.js') || !tarball.files.includes(path.relative(packageDir, declaration))) missing.push(`${path.relative(packageDir, file)}: ${specifier}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('gives a module entry defineAdminModule at run time', async () => {
    const script = [
      "import { defineAdminModule } from '@waqtor/admin-kit/module'",
      "const module = defineAdminModule({ id: 'acme-crm', title: { en: 'CRM', ar: 'إدارة العملاء' }, routes: [] })",
      'let refused = null',
      "try { defineAdminModule({ title: 'no id' }) } catch (error) { refused = error.message }",
      'console.log(JSON.stringify({ id: module.id, refused }))',
    ].join('\n')
    await writeFile(path.join(project, 'entry.mjs'), script)
    const { stdout } = await run(process.execPath, ['entry.mjs'], { cwd: project })
    expect(JSON.parse(stdout)).toEqual({ id: 'acme-crm', refused: 'defineAdminModule needs an id and routes' })
  })

  it('type-checks a plugin page against the kit’s real types', async () => {
    const consumer = path.join(project, 'ui')
    await mkdir(consumer, { recursive: true })
    await writeFile(
      path.join(consumer, 'leads-page.ts'),
      [
        "import { defineComponent, h } from 'vue'",
        "import { defineAdminModule, type AdminModule } from '@waqtor/admin-kit/module'",
        "import { ApiError, DataState, PageHeader, api, useAsyncData, useAuth, useI18n, useTopic, type Session } from '@waqtor/admin-kit'",
        '',
        'export const page = defineComponent({',
        '  setup() {',
        '    const { t } = useI18n()',
        "    const sessions = useAsyncData((signal) => api.get<Session[]>('sessions/list', undefined, signal))",
        "    useTopic('leads', () => 'shop', '/plugins/acme-crm')",
        '    const canWrite: boolean = useAuth().canWrite',
        "    return () => h('div', [h(PageHeader, { title: t('acme-crm.title') }), h(DataState, { loading: sessions.loading.value, error: sessions.error.value, empty: !canWrite })])",
        '  },',
        '})',
        "export const module: AdminModule = defineAdminModule({ id: 'acme-crm', title: 'acme-crm.title', routes: [{ path: '', name: 'acme-crm-leads', title: 'acme-crm.title', component: async () => page }] })",
        'export const isApiError = (error: unknown): boolean => error instanceof ApiError',
        '// @ts-expect-error a topic is a name, so the kit is typed (not any)',
        'export const wrong = () => useTopic(42)',
        '// @ts-expect-error a module needs its routes',
        "export const incomplete = defineAdminModule({ id: 'acme-crm', title: 'CRM' })",
        '',
      ].join('\n'),
    )
    await writeFile(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', lib: ['ES2023', 'DOM', 'DOM.Iterable'], module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['leads-page.ts'],
      }),
    )
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc')
    const result = await run(process.execPath, [tsc, '-p', consumer], { cwd: consumer }).catch((error: { stdout?: string; message: string }) => ({ stdout: `${error.message}\n${error.stdout ?? ''}` }))
    expect(result.stdout).toBe('')
  }, 60_000)
})
