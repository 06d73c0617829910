import { describe, expect, it } from 'vitest'
import type { PluginManifest } from './plugin-manifest.ts'
import { sortPlugins } from './sort-plugins.ts'

function manifest(id: string, dependencies: Record<string, string> = {}, version = '1.0.0'): PluginManifest {
  return { id, name: id, version, description: id, engines: { waqtor: '^0.1.0' }, scope: 'global', dependencies }
}

const ids = (manifests: PluginManifest[]) => manifests.map((item) => item.id)

describe('sortPlugins', () => {
  it('puts every plugin after its dependencies, whatever the input order', () => {
    const input = [manifest('alpha', { mid: '^1.0.0', zeta: '^1.0.0' }), manifest('solo'), manifest('mid', { zeta: '^1.0.0' }), manifest('zeta')]
    for (const shuffled of [input, [...input].reverse()]) {
      const { order, refused } = sortPlugins(shuffled)
      expect(refused.size).toBe(0)
      const sorted = ids(order)
      expect(sorted.sort()).toEqual(['alpha', 'mid', 'solo', 'zeta'])
      const position = (id: string) => ids(order).indexOf(id)
      expect(position('zeta')).toBeLessThan(position('mid'))
      expect(position('mid')).toBeLessThan(position('alpha'))
    }
  })

  it('refuses every member of a cycle, showing the cycle, and whatever depends on it', () => {
    const { order, refused } = sortPlugins([manifest('a', { b: '*' }), manifest('b', { c: '*' }), manifest('c', { a: '*' }), manifest('user', { a: '*' }), manifest('free')])
    expect(ids(order)).toEqual(['free'])
    for (const id of ['a', 'b', 'c']) {
      expect(refused.get(id)?.code).toBe('PLUGIN_DEPENDENCY_CYCLE')
      expect(refused.get(id)?.message).toContain('a -> b -> c -> a')
      expect(refused.get(id)?.pluginId).toBe(id)
    }
    expect(refused.get('user')?.code).toBe('PLUGIN_DEPENDENCY_FAILED')
  })

  it('refuses a plugin depending on itself', () => {
    const { refused } = sortPlugins([manifest('narcissus', { narcissus: '*' })])
    expect(refused.get('narcissus')?.code).toBe('PLUGIN_DEPENDENCY_CYCLE')
  })

  it('refuses a missing dependency, naming it and the field', () => {
    const { order, refused } = sortPlugins([manifest('crm', { contacts: '^2.0.0' })])
    expect(order).toEqual([])
    const error = refused.get('crm')
    expect(error?.code).toBe('PLUGIN_DEPENDENCY_MISSING')
    expect(error?.message).toContain('plugin "crm"')
    expect(error?.message).toContain('"contacts" (^2.0.0)')
    expect(error?.details).toEqual({ field: 'dependencies.contacts' })
  })

  it('refuses a dependency of the wrong version, and a range that is not semver', () => {
    const { order, refused } = sortPlugins([manifest('base', {}, '1.4.0'), manifest('newer', { base: '^2.0.0' }), manifest('garbled', { base: 'latest please' }), manifest('fits', { base: '~1.4.0' })])
    expect(ids(order)).toEqual(['base', 'fits'])
    expect(refused.get('newer')?.code).toBe('PLUGIN_DEPENDENCY_VERSION')
    expect(refused.get('newer')?.message).toContain('^2.0.0 but 1.4.0 is installed')
    expect(refused.get('garbled')?.code).toBe('PLUGIN_DEPENDENCY_VERSION')
  })

  it('refuses plugins that depend, even indirectly, on a refused one', () => {
    const { order, refused } = sortPlugins([manifest('top', { middle: '*' }), manifest('middle', { gone: '*' })])
    expect(order).toEqual([])
    expect(refused.get('middle')?.code).toBe('PLUGIN_DEPENDENCY_MISSING')
    expect(refused.get('top')?.code).toBe('PLUGIN_DEPENDENCY_FAILED')
    expect(refused.get('top')?.details).toEqual({ dependency: 'middle' })
  })
})
