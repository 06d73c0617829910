import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { createPluginMetrics } from './plugin-metrics.ts'
import { PluginError } from './plugin-error.ts'

describe('plugin.metrics', () => {
  it('registers prefixed metrics on the kernel registry and removes them when the plugin stops', async () => {
    const registry = new Registry()
    const disposers: Array<() => void> = []
    const metrics = createPluginMetrics('real-estate', registry, (dispose) => disposers.push(dispose))
    expect(metrics.prefix).toBe('waqtor_real_estate_')
    metrics.counter({ name: 'waqtor_real_estate_leads_total', help: 'Leads' }).inc(2)
    expect(await registry.metrics()).toContain('waqtor_real_estate_leads_total 2')
    for (const dispose of disposers) dispose()
    expect(await registry.metrics()).not.toContain('waqtor_real_estate_leads_total')
  })

  it('refuses a name outside the plugin prefix', () => {
    const metrics = createPluginMetrics('real-estate', new Registry(), () => undefined)
    expect(() => metrics.gauge({ name: 'waqtor_http_requests', help: 'x' })).toThrow(PluginError)
    expect(() => metrics.histogram({ name: 'waqtor_other_plugin_x', help: 'x' })).toThrow(/must start with "waqtor_real_estate_"/)
  })
})
