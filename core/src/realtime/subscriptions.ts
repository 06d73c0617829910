import { z } from 'zod'
import { clientIdSchema } from '../auth/auth-schemas.ts'
import { canAccessSession, type Principal } from '../auth/principal.ts'
import { InputError } from '../errors/app-error.ts'
import { toFieldIssues } from '../http/zod-issues.ts'
import { allSessions, topicRoom, type TopicDefinition } from './core-topics.ts'
import { RealtimeError } from './realtime-errors.ts'
import type { RealtimeSocket } from './realtime-types.ts'

const subscriptionSchema = z
  .object({
    topics: z.array(z.string().min(1).max(100)).min(1).max(20),
    sessionId: clientIdSchema.optional(),
  })
  .strict()

export interface SubscriptionScope {
  topics: ReadonlyMap<string, TopicDefinition>
  sessionExists(sessionId: string): Promise<boolean>
}

/**
 * `subscribe { topics, sessionId? }`: all or nothing. Without `sessionId`, session topics cover
 * every session the caller is granted: one `<topic>:*` room for admins (so sessions created later
 * are included), one room per granted session otherwise. A session the caller may not see is
 * refused exactly like one that does not exist, as over HTTP.
 */
export async function subscribe(socket: RealtimeSocket, payload: unknown, scope: SubscriptionScope): Promise<void> {
  const { topics, sessionId } = parseRequest(payload, scope)
  const principal = socket.data.principal
  for (const topic of topics) {
    if (topic.audience === 'user' && principal.kind !== 'user') {
      throw new RealtimeError('TOPIC_NOT_ALLOWED', `"${topic.name}" belongs to users: an API key has no ${topic.name}`)
    }
  }
  if (sessionId !== undefined && (!canAccessSession(principal, sessionId) || !(await scope.sessionExists(sessionId)))) {
    throw new RealtimeError('SESSION_NOT_FOUND', `Not found: session ${sessionId}`)
  }
  // The socket may have gone while the session was looked up: joining now would leak rooms.
  if (!socket.connected) return
  await socket.join(topics.flatMap((topic) => roomsOf(topic, sessionId, principal)))
}

/** `unsubscribe { topics, sessionId? }`: one session's rooms, or every room of the topics. */
export async function unsubscribe(socket: RealtimeSocket, payload: unknown, scope: SubscriptionScope): Promise<void> {
  const { topics, sessionId } = parseRequest(payload, scope)
  for (const topic of topics) {
    const leaving =
      sessionId === undefined ? [...socket.rooms].filter((room) => room.startsWith(`${topic.name}:`)) : [topicRoom(topic.name, sessionId)]
    for (const room of leaving) await socket.leave(room)
  }
}

function parseRequest(payload: unknown, scope: SubscriptionScope): { topics: TopicDefinition[]; sessionId: string | undefined } {
  const parsed = subscriptionSchema.safeParse(payload, { reportInput: true })
  if (!parsed.success) throw InputError.fields(toFieldIssues(parsed.error.issues, 'payload'))
  const topics = [...new Set(parsed.data.topics)].map((name) => {
    const topic = scope.topics.get(name)
    if (!topic) throw new RealtimeError('UNKNOWN_TOPIC', `Unknown topic "${name}"; this namespace offers: ${[...scope.topics.keys()].join(', ') || 'none'}`)
    return topic
  })
  return { topics, sessionId: parsed.data.sessionId }
}

function roomsOf(topic: TopicDefinition, sessionId: string | undefined, principal: Principal): string[] {
  if (topic.audience === 'user') return [topicRoom(topic.name, principal.id)]
  if (sessionId !== undefined) return [topicRoom(topic.name, sessionId)]
  if (principal.sessions === null) return [topicRoom(topic.name, allSessions)]
  return [...principal.sessions].map((granted) => topicRoom(topic.name, granted))
}

/**
 * After the caller's role or session grants changed: leaves the rooms of sessions it may no longer
 * see, and turns an "every session" subscription of a caller that is no longer an admin into one
 * room per session it is still granted, as `subscribe` would have done for it.
 */
export async function narrowToGrants(socket: RealtimeSocket, topics: ReadonlyMap<string, TopicDefinition>): Promise<void> {
  const principal = socket.data.principal
  for (const room of [...socket.rooms]) {
    const colon = room.indexOf(':')
    const topic = colon > 0 ? topics.get(room.slice(0, colon)) : undefined
    if (!topic || topic.audience === 'user') continue
    const sessionId = room.slice(colon + 1)
    if (sessionId === allSessions) {
      if (principal.sessions === null) continue
      await socket.leave(room)
      await socket.join(roomsOf(topic, undefined, principal))
    } else if (!canAccessSession(principal, sessionId)) {
      await socket.leave(room)
    }
  }
}
