import { Counter, Gauge, Histogram, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration, type Registry } from 'prom-client'
import { PluginError } from './plugin-error.ts'

/**
 * Metrics a plugin adds to the kernel's `/metrics`: prom-client metrics registered on the kernel
 * registry, named `waqtor_<plugin id with underscores>_…` so plugins cannot collide with the core
 * or with each other. Each is unregistered when the plugin stops.
 */
export interface PluginMetrics {
  /** The name prefix every metric of this plugin must start with. */
  readonly prefix: string
  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L>
  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L>
  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L>
}

export function createPluginMetrics(pluginId: string, registry: Registry, track: (dispose: () => void) => void): PluginMetrics {
  const prefix = `waqtor_${pluginId.replaceAll('-', '_')}_`
  const checked = (name: string): string => {
    if (!name.startsWith(prefix)) {
      throw new PluginError('PLUGIN_METRIC_NAME', pluginId, `metric "${name}" must start with "${prefix}"`, { name, prefix })
    }
    track(() => registry.removeSingleMetric(name))
    return name
  }
  return {
    prefix,
    counter: (config) => new Counter({ ...config, name: checked(config.name), registers: [registry] }),
    gauge: (config) => new Gauge({ ...config, name: checked(config.name), registers: [registry] }),
    histogram: (config) => new Histogram({ ...config, name: checked(config.name), registers: [registry] }),
  }
}
