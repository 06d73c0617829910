import path from 'node:path'
import type { DatabasePlatform } from './migration.ts'

export interface DatabaseTarget {
  platform: DatabasePlatform
  /** SQLite file path (or `:memory:`); the PostgreSQL URL otherwise. */
  location: string
}

/** Reads `DATABASE_URL`: a postgres:// URL, or a SQLite path (`sqlite:`/`file:` prefixes allowed). */
export function resolveDatabaseTarget(databaseUrl: string | undefined, dataDir: string, cwd: string = process.cwd()): DatabaseTarget {
  if (!databaseUrl) return { platform: 'sqlite', location: path.join(dataDir, 'waqtor.sqlite') }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { platform: 'postgresql', location: databaseUrl }
  if (databaseUrl === ':memory:' || databaseUrl === 'sqlite::memory:') return { platform: 'sqlite', location: ':memory:' }
  const filePath = databaseUrl.replace(/^sqlite:(\/\/)?/, '').replace(/^file:(\/\/)?/, '')
  return { platform: 'sqlite', location: path.resolve(cwd, filePath) }
}

/** The database URL with any password masked, for logs. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  if (target.platform === 'sqlite') return `sqlite ${target.location}`
  try {
    const url = new URL(target.location)
    if (url.password) url.password = '***'
    return `postgresql ${url.toString()}`
  } catch {
    return 'postgresql (unparseable URL)'
  }
}
