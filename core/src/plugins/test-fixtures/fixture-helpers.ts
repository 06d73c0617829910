import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineEvent } from '../../bus/define-event.ts'

/** The folder holding the fixture plugins (and groups of them). */
export const fixturesDir = path.dirname(fileURLToPath(import.meta.url))

export function fixturePath(...segments: string[]): string {
  return path.join(fixturesDir, ...segments)
}

/** The event the tests emit and fixture plugins subscribe to. */
export interface ThingHappened {
  sessionId?: string
  label: string
  mute?: boolean
}

export const thingHappened = defineEvent<ThingHappened>('test.thing.happened')

/**
 * What TypeScript fixtures did, in order ("register:zeta-base", "start:...", ...): the test and the
 * fixtures share one process, so a global list is the simplest witness.
 */
export function fixtureLog(): string[] {
  const holder = globalThis as typeof globalThis & { waqtorFixtureLog?: string[] }
  holder.waqtorFixtureLog ??= []
  return holder.waqtorFixtureLog
}

/** One entry of `GET /api/plugins`. */
export interface PluginListItem {
  id: string
  name: string | null
  version: string | null
  scope: 'global' | 'session' | null
  source: 'builtin' | 'directory' | 'package'
  status: 'loaded' | 'registered' | 'started' | 'failed' | 'disabled' | 'stopped'
  error: { code: string; message: string; details: unknown } | null
}

export interface PluginList {
  items: PluginListItem[]
}

export interface ErrorBody {
  error: { code: string; message: string; details: unknown }
}
