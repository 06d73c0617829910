import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PluginError } from './plugin-error.ts'
import { readManifest } from './plugin-manifest.ts'

const valid = {
  id: 'real-estate',
  name: 'Real estate',
  version: '1.2.0',
  description: 'Listings and leads',
  engines: { waqtor: '^0.1.0' },
}

describe('readManifest', () => {
  let dir: string

  const write = (manifest: unknown) => writeFileSync(path.join(dir, 'plugin.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest))
  const refusal = (manifest: unknown): PluginError => {
    write(manifest)
    try {
      readManifest(dir)
    } catch (error) {
      return error as PluginError
    }
    throw new Error('the manifest was accepted')
  }
  const issues = (error: PluginError) => (error.details as { issues: Array<{ field: string; message: string }> }).issues

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'waqtor-manifest-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads a valid manifest and fills in the default scope', () => {
    write(valid)
    expect(readManifest(dir)).toEqual({ ...valid, scope: 'global' })
  })

  it('accepts every documented field', () => {
    const full = {
      ...valid,
      $schema: '../../plugin.schema.json',
      dependencies: { webhooks: '^1.0.0' },
      scope: 'session',
      permissions: ['messages:read', 'messages:send'],
      configSchema: { type: 'object', properties: { radius: { type: 'integer', default: 5 } } },
      contributes: { routes: true, namespace: true, adminModule: true, responders: [{ id: 'qualify-lead', priority: 300 }], events: [{ name: 'real-estate.lead.qualified', public: true }] },
      server: 'server/index.js',
      ui: 'ui/index.ts',
    }
    write(full)
    expect(readManifest(dir)).toEqual(full)
  })

  it('refuses a file that is not JSON', () => {
    const error = refusal('{ "id": ')
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID')
    expect(error.message).toContain('is not valid JSON')
    expect(error.details).toEqual({ dir })
  })

  it('refuses unknown keys, naming each, also nested ones', () => {
    const error = refusal({ ...valid, colour: 'blue', contributes: { routes: true, widgets: 2 } })
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID')
    expect(error.pluginId).toBe('real-estate')
    expect(error.message).toContain('plugin "real-estate"')
    expect(issues(error)).toEqual(
      expect.arrayContaining([
        { field: 'colour', message: 'is not an allowed field' },
        { field: 'contributes.widgets', message: 'is not an allowed field' },
      ]),
    )
  })

  it('refuses contributes.flows: no flow engine stands behind it yet, so a manifest cannot promise one', () => {
    const error = refusal({ ...valid, contributes: { flows: ['qualify-lead'] } })
    expect(issues(error)).toEqual([{ field: 'contributes.flows', message: 'is not an allowed field' }])
  })

  it('refuses missing required fields, naming them', () => {
    const { engines: _engines, description: _description, ...rest } = valid
    const error = refusal(rest)
    expect(issues(error)).toEqual([
      { field: 'description', message: 'is required' },
      { field: 'engines', message: 'is required' },
    ])
    expect(error.message).toContain('engines is required')
    expect(issues(refusal({ ...valid, engines: {} }))).toEqual([{ field: 'engines.waqtor', message: 'is required' }])
  })

  it('refuses an id, version or entry path of the wrong shape', () => {
    expect(issues(refusal({ ...valid, id: 'Real_Estate' })).map((issue) => issue.field)).toEqual(['id'])
    expect(issues(refusal({ ...valid, version: 'one' })).map((issue) => issue.field)).toEqual(['version'])
    expect(issues(refusal({ ...valid, server: '../outside/index.js' })).map((issue) => issue.field)).toEqual(['server'])
  })

  it('refuses a value outside an enum, listing the allowed ones', () => {
    expect(issues(refusal({ ...valid, scope: 'tenant' }))).toEqual([{ field: 'scope', message: 'must be one of "global", "session"' }])
    expect(issues(refusal({ ...valid, permissions: ['root'] }))[0]?.field).toBe('permissions.0')
  })

  it('refuses a configSchema that is not a JSON Schema', () => {
    const error = refusal({ ...valid, configSchema: { type: 'banana' } })
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID')
    expect(error.message).toContain('configSchema is not a valid JSON Schema')
    expect(issues(error)[0]?.field).toBe('configSchema')
  })

  it('refuses a contributed event not named after the plugin', () => {
    const error = refusal({ ...valid, contributes: { events: [{ name: 'webhooks.lead.qualified' }] } })
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID')
    expect(issues(error)).toEqual([{ field: 'contributes.events', message: '"webhooks.lead.qualified" must start with "real-estate."' }])
  })
})
