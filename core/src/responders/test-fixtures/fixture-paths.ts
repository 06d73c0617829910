import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

/** A folder of responder fixture plugins (`chain`, `refusals`). */
export function respondersFixture(group: string): string {
  return path.join(here, group)
}
