import type { MikroORM } from '@mikro-orm/core'
import { credentialKey, principalsByCredential } from '../auth/credential-batch.ts'
import type { Principal, PrincipalRef } from '../auth/principal.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { RealtimeNamespace } from './realtime-namespace.ts'
import type { RealtimeStats } from './realtime-stats.ts'
import type { RealtimeSocket, SocketCredential } from './realtime-types.ts'
import { narrowToGrants } from './subscriptions.ts'

export interface CredentialWatchOptions {
  orm: MikroORM
  stats: RealtimeStats
  logger: Logger
  intervalMs: number
  namespaces(): RealtimeNamespace[]
}

/** Sent to a socket just before it is closed because its credentials no longer hold. */
export const credentialsRevokedEvent = 'credentials_revoked'

interface WatchedSocket {
  socket: RealtimeSocket
  namespace: RealtimeNamespace
}

/**
 * Checks the credentials of open sockets again, every `intervalMs` and whenever this node changes
 * a login, user or API key: a socket whose login ended (sign-out, expiry, user disabled or
 * deleted, password changed) or whose key was revoked or expired is told why and disconnected; a
 * socket whose role or session grants changed keeps only the rooms it may still see. One check
 * looks all the credentials up in a few queries, however many sockets share them.
 */
export class CredentialWatch {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private queued: Promise<void> | undefined

  constructor(private readonly options: CredentialWatchOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.recheckLogged(), this.options.intervalMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** Checks now and logs a failure instead of passing it on (the timer's and the routes' way). */
  async recheckLogged(owner?: PrincipalRef): Promise<void> {
    try {
      await this.recheck(owner)
    } catch (error) {
      this.options.logger.error({ err: error, owner }, 'checking realtime credentials again failed')
    }
  }

  /**
   * Checks now: the sockets of one user or key (`owner`, after a change to it), or all of them.
   * A full check asked for while one runs is answered by one more after it, since the running one
   * may have read the credentials before the change that prompted the call.
   */
  recheck(owner?: PrincipalRef): Promise<void> {
    if (owner) return this.checkAll(owner)
    if (!this.running) {
      this.running = this.checkAll().finally(() => {
        this.running = undefined
      })
      return this.running
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined
      return this.recheck()
    })
    return this.queued
  }

  private async checkAll(owner?: PrincipalRef): Promise<void> {
    const byCredential = new Map<string, { credential: SocketCredential; sockets: WatchedSocket[] }>()
    for (const namespace of this.options.namespaces()) {
      for (const socket of namespace.io.sockets.values()) {
        const { credential, principal } = socket.data
        if (owner && (principal.kind !== owner.kind || principal.id !== owner.id)) continue
        const key = credentialKey(credential)
        const group = byCredential.get(key) ?? { credential, sockets: [] }
        group.sockets.push({ socket, namespace })
        byCredential.set(key, group)
      }
    }
    if (byCredential.size === 0) return
    let principals: Map<string, Principal>
    try {
      principals = await principalsByCredential(this.options.orm.em.fork(), [...byCredential.values()].map((group) => group.credential))
    } catch (error) {
      // The database is unreachable: keep the sockets and try again at the next check.
      this.options.logger.warn({ err: error }, 'realtime credentials could not be checked again')
      return
    }
    for (const [key, { sockets }] of byCredential) {
      for (const watched of sockets) await this.apply(watched, principals.get(key))
    }
  }

  private async apply({ socket, namespace }: WatchedSocket, principal: Principal | undefined): Promise<void> {
    if (!socket.connected) return
    if (!principal) {
      socket.emit(credentialsRevokedEvent, {
        code: 'CREDENTIALS_REVOKED',
        message: 'Your login ended or your API key was revoked; sign in again or use a valid key',
      })
      socket.disconnect()
      this.options.stats.disconnectedForRevokedCredentials(namespace.name)
      return
    }
    if (samePrincipal(socket.data.principal, principal)) return
    socket.data.principal = principal
    await narrowToGrants(socket, namespace.topics)
  }
}

function samePrincipal(before: Principal, after: Principal): boolean {
  if (before.role !== after.role || before.name !== after.name) return false
  if (before.sessions === null || after.sessions === null) return before.sessions === after.sessions
  return before.sessions.size === after.sessions.size && [...before.sessions].every((session) => after.sessions?.has(session))
}
