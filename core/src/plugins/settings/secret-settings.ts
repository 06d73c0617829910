import { isPlainObject } from './merge-settings.ts'

/** Whether a secret setting holds a value, and where that value comes from. */
export interface SecretState {
  set: boolean
  /** `session`: stored for this session (it can be cleared there); `global`: from the config file; null when unset. */
  source: 'session' | 'global' | null
}

/**
 * Dotted paths (`crm.apiKey`) of the configSchema properties marked `writeOnly: true` or
 * `"x-secret": true`, at any depth of nested `properties`. Such settings are never answered by the
 * API, only whether they are set; only admins write them.
 */
export function secretPaths(configSchema: Record<string, unknown> | undefined): string[] {
  const found: string[] = []
  const walk = (schema: unknown, prefix: string[]) => {
    if (!isPlainObject(schema) || !isPlainObject(schema.properties)) return
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!isPlainObject(property)) continue
      const here = [...prefix, name]
      if (property.writeOnly === true || property['x-secret'] === true) found.push(here.join('.'))
      else walk(property, here)
    }
  }
  walk(configSchema, [])
  return found
}

export function hasPath(settings: Record<string, unknown>, path: string): boolean {
  const { parent, key } = locate(settings, path)
  return parent !== undefined && Object.hasOwn(parent, key) && parent[key] !== undefined
}

export function readPath(settings: Record<string, unknown>, path: string): unknown {
  const { parent, key } = locate(settings, path)
  return parent?.[key]
}

/** Whether `path` could be written without replacing a value that is not an object on the way. */
export function canWritePath(settings: Record<string, unknown>, path: string): boolean {
  let node: unknown = settings
  for (const name of path.split('.').slice(0, -1)) {
    node = (node as Record<string, unknown>)[name]
    if (node === undefined) return true
    if (!isPlainObject(node)) return false
  }
  return true
}

/** Sets `path` in place, creating the objects on the way. */
export function writePath(settings: Record<string, unknown>, path: string, value: unknown): void {
  const names = path.split('.')
  let node = settings
  for (const name of names.slice(0, -1)) {
    const next = node[name]
    if (!isPlainObject(next)) node[name] = {}
    node = node[name] as Record<string, unknown>
  }
  node[names.at(-1)!] = value
}

/** Removes `path` in place; objects left empty on the way stay (they may carry other settings later). */
export function deletePath(settings: Record<string, unknown>, path: string): void {
  const { parent, key } = locate(settings, path)
  if (parent) delete parent[key]
}

/** A deep copy of `settings` without the secret values: what the API may answer. */
export function withoutSecrets(settings: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  if (paths.length === 0) return settings
  const copy = structuredClone(settings)
  for (const path of paths) deletePath(copy, path)
  return copy
}

/** For each secret path: whether it is set in the session's settings, else in the global ones. */
export function secretStates(paths: readonly string[], session: Record<string, unknown>, global: Record<string, unknown>): Record<string, SecretState> {
  const states: Record<string, SecretState> = {}
  for (const path of paths) {
    const source = hasPath(session, path) ? 'session' : hasPath(global, path) ? 'global' : null
    states[path] = { set: source !== null, source }
  }
  return states
}

function locate(settings: Record<string, unknown>, path: string): { parent: Record<string, unknown> | undefined; key: string } {
  const names = path.split('.')
  let node: unknown = settings
  for (const name of names.slice(0, -1)) {
    node = isPlainObject(node) ? node[name] : undefined
  }
  return { parent: isPlainObject(node) ? node : undefined, key: names.at(-1)! }
}
