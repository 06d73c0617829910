import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * Writes third-party plugins in plain JavaScript, importing nothing, to a temporary folder:
 * `live-board` uses plugin.io fully; `late-failer` opens a namespace and then fails to start;
 * `undeclared` uses plugin.io without declaring it in its manifest.
 */
export async function writeRealtimePlugins(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'waqtor-realtime-plugins-'))
  await writePlugin(root, 'live-board', { namespace: true }, liveBoard)
  await writePlugin(root, 'late-failer', { namespace: true }, lateFailer)
  await writePlugin(root, 'undeclared', {}, undeclared)
  return root
}

async function writePlugin(root: string, id: string, contributes: Record<string, unknown>, source: string): Promise<void> {
  const dir = path.join(root, id)
  await mkdir(path.join(dir, 'server'), { recursive: true })
  const manifest = { id, name: id, version: '1.0.0', description: `realtime fixture ${id}`, engines: { waqtor: '^0.1.0' }, contributes, server: 'server/index.js' }
  await writeFile(path.join(dir, 'plugin.json'), JSON.stringify(manifest, null, 2))
  await writeFile(path.join(dir, 'server', 'index.js'), source)
}

const liveBoard = `
export default {
  register(plugin) {
    plugin.io.topic('board')
    plugin.io.onConnection((socket) => {
      socket.emit('live-board.welcome', { name: socket.principal.name })
    })
    plugin.io.on('live-board.post', (payload, socket) => {
      const sessions = socket.principal.sessions
      if (!payload || typeof payload.sessionId !== 'string') throw new Error('sessionId is required')
      if (sessions !== null && !sessions.has(payload.sessionId)) return { reached: 0 }
      const reached = plugin.io.emit('board', 'live-board.note.posted', { sessionId: payload.sessionId, text: String(payload.text), by: socket.principal.name })
      return { reached }
    })
    plugin.io.on('live-board.fail', () => {
      throw new Error('the board is on fire')
    })
  },
}
`

const lateFailer = `
export default {
  register(plugin) {
    plugin.io.onConnection((socket) => socket.emit('late-failer.hello', {}))
  },
  start() {
    throw new Error('cannot reach its backend')
  },
}
`

const undeclared = `
export default {
  register(plugin) {
    plugin.io.topic('secret')
  },
}
`
