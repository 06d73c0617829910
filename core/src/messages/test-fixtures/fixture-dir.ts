import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** A folder of fixture plugins beside this file. */
export function fixtureDir(...segments: string[]): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), ...segments)
}
