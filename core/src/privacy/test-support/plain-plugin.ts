import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Writes a plain-JavaScript plugin folder (plugin.json + server/index.js), as a third party would ship it. */
export async function writePlainPlugin(root: string, manifest: { id: string } & Record<string, unknown>, source: string): Promise<string> {
  const dir = path.join(root, manifest.id)
  await mkdir(path.join(dir, 'server'), { recursive: true })
  const full = { name: manifest.id, version: '1.0.0', description: `${manifest.id} fixture`, engines: { waqtor: '^0.1.0' }, server: 'server/index.js', ...manifest }
  await writeFile(path.join(dir, 'plugin.json'), JSON.stringify(full, null, 2))
  await writeFile(path.join(dir, 'server', 'index.js'), source)
  return dir
}

/**
 * Source of a plugin whose route `POST /call` runs `plugin[api][method](...args)` and answers
 * `{ result }` or `{ error: { code, message, details } }`, so a test drives a facade over HTTP.
 * Arguments shaped `{ $base64: '...' }` become Buffers; results that are Buffers come back as `{ $base64 }`.
 */
export const callerPluginSource = `
const revive = (value) => {
  if (Array.isArray(value)) return value.map(revive)
  if (value && typeof value === 'object') {
    if (typeof value.$base64 === 'string') return Buffer.from(value.$base64, 'base64')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, revive(entry)]))
  }
  return value
}
export const events = []
export default {
  register(plugin) {
    plugin.bus.on({ name: 'contact.updated' }, (payload) => { events.push(payload) }, { id: 'watch' })
    plugin.router.get('/events', (ctx) => { ctx.body = { items: events } })
    plugin.router.post('/call', async (ctx) => {
      const { api, method, args } = ctx.request.body
      try {
        let result = await plugin[api][method](...revive(args ?? []))
        if (result && typeof result.buffer === 'function' && typeof result.stream === 'function') {
          result = { ...result, bytes: { $base64: (await result.buffer()).toString('base64') } }
          delete result.buffer
          delete result.stream
        }
        ctx.body = { result: result === undefined ? null : result }
      } catch (error) {
        ctx.body = { error: { code: error.code ?? 'THROWN', message: error.message, details: error.details ?? null } }
      }
    })
  },
}
`

export interface CallAnswer<T> {
  result?: T
  error?: { code: string; message: string; details: unknown }
}
