import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { discoverPlugins, type DiscoveryInput } from './discover-plugins.ts'

describe('discoverPlugins', () => {
  let root: string

  const pluginFolder = (...segments: string[]): string => {
    const dir = path.join(root, ...segments)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'plugin.json'), '{}')
    return dir
  }
  const discover = (input: Partial<DiscoveryInput>) => discoverPlugins({ builtinDir: undefined, pluginDirs: [], packages: [], cwd: root, ...input })

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'waqtor-discover-'))
  })
  afterEach(() => {
    rmSync(root, { recursive: true, force: true })
  })

  it('finds the plugin folders inside a folder of plugins, skipping folders without plugin.json', () => {
    const b = pluginFolder('vendor', 'b-plugin')
    const a = pluginFolder('vendor', 'a-plugin')
    mkdirSync(path.join(root, 'vendor', 'not-a-plugin'))
    writeFileSync(path.join(root, 'vendor', 'README.md'), 'notes')
    const { found, errors } = discover({ pluginDirs: ['vendor'] })
    expect(errors).toEqual([])
    expect(found).toEqual([
      { dir: a, source: 'directory' },
      { dir: b, source: 'directory' },
    ])
  })

  it('takes a folder holding plugin.json as one plugin, not as a folder of plugins', () => {
    const single = pluginFolder('single')
    pluginFolder('single', 'nested')
    expect(discover({ pluginDirs: [single] }).found).toEqual([{ dir: single, source: 'directory' }])
  })

  it('reports a configured folder that does not exist and still finds the others', () => {
    const present = pluginFolder('present')
    const { found, errors } = discover({ pluginDirs: ['missing', present] })
    expect(found).toEqual([{ dir: present, source: 'directory' }])
    expect(errors).toHaveLength(1)
    expect(errors[0]?.code).toBe('PLUGIN_DIR_NOT_FOUND')
    expect(errors[0]?.message).toContain(path.join(root, 'missing'))
  })

  it('labels the built-in plugins and tolerates a missing built-in folder', () => {
    const builtin = pluginFolder('plugins', 'webhooks')
    expect(discover({ builtinDir: path.join(root, 'plugins') }).found).toEqual([{ dir: builtin, source: 'builtin' }])
    expect(discover({ builtinDir: path.join(root, 'nowhere') })).toEqual({ found: [], errors: [] })
  })

  it('finds npm packages in node_modules from cwd upwards', () => {
    const scoped = pluginFolder('node_modules', '@acme', 'waqtor-crm')
    const cwd = path.join(root, 'apps', 'server')
    mkdirSync(cwd, { recursive: true })
    expect(discover({ packages: ['@acme/waqtor-crm'], cwd })).toEqual({ found: [{ dir: scoped, source: 'package' }], errors: [] })
  })

  it('reports a package that is not installed and one without plugin.json', () => {
    mkdirSync(path.join(root, 'node_modules', 'left-pad'), { recursive: true })
    const { found, errors } = discover({ packages: ['@acme/nowhere-to-be-found', 'left-pad'] })
    expect(found).toEqual([])
    expect(errors.map((error) => [error.code, error.details])).toEqual([
      ['PLUGIN_PACKAGE_NOT_FOUND', { package: '@acme/nowhere-to-be-found' }],
      ['PLUGIN_MANIFEST_MISSING', { package: 'left-pad', dir: path.join(root, 'node_modules', 'left-pad') }],
    ])
    expect(errors[0]?.message).toContain('npm install @acme/nowhere-to-be-found')
  })

  it('counts a folder reached twice only once', () => {
    const crm = pluginFolder('node_modules', 'waqtor-crm')
    const { found } = discover({ pluginDirs: [crm, path.join(root, 'node_modules')], packages: ['waqtor-crm'] })
    expect(found).toEqual([{ dir: crm, source: 'directory' }])
  })
})
