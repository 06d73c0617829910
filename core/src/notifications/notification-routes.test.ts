import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { NotificationView } from './notification-view.ts'

type User = Awaited<ReturnType<TestKernel['createUser']>>
interface Page {
  items: NotificationView[]
  nextCursor: string | null
}
// Sorted: notifications raised within one millisecond have no meaningful order between them.
const titles = (items: NotificationView[]) => items.map((item) => item.title).sort()

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string }> | null }
}

describe('/api/notifications for the calling user', () => {
  let harness: TestKernel
  let agent: User
  let other: User

  const list = async (query: string, token = agent.token) => {
    const response = await harness.request<Page>('GET', `/api/notifications${query}`, { token })
    expect(response.status).toBe(200)
    return response.body.items
  }
  const count = async (query = '', token = agent.token) => {
    const response = await harness.request<{ unread: number; total: number }>('GET', `/api/notifications/count${query}`, { token })
    expect(response.status).toBe(200)
    return response.body
  }
  const notify = async (user: User, type: string, title: string) => {
    const [created] = await harness.kernel.notifications.notifyUsers([user.id], { type, title })
    return created!.id
  }

  beforeAll(async () => {
    harness = await createTestKernel()
    agent = await harness.createUser('agent')
    other = await harness.createUser('viewer')
  })
  afterAll(async () => {
    await harness.close()
  })

  it('lists, filters by read state and type, counts, and marks read and unread', async () => {
    const failed = await notify(agent, 'session.failed', 'Shop failed')
    await notify(agent, 'session.disconnected', 'Shop disconnected')
    const finished = await notify(agent, 'campaign.finished', 'Campaign done')
    await notify(other, 'session.failed', 'Not yours')

    expect(titles(await list(''))).toEqual(['Campaign done', 'Shop disconnected', 'Shop failed'])
    expect(await count()).toEqual({ unread: 3, total: 3 })

    const marked = await harness.request<NotificationView>('PATCH', `/api/notifications/${failed}`, { token: agent.token, body: { read: true } })
    expect(marked.status).toBe(200)
    expect(marked.body).toMatchObject({ id: failed, read: true, title: 'Shop failed' })
    expect(Date.parse(marked.body.readAt!)).not.toBeNaN()

    expect((await list('?read=true')).map((item) => item.id)).toEqual([failed])
    expect(titles(await list('?read=false'))).toEqual(['Campaign done', 'Shop disconnected'])
    expect((await list('?type=campaign.finished')).map((item) => item.id)).toEqual([finished])
    expect(await list('?type=session.failed&read=false')).toEqual([])
    expect(await count()).toEqual({ unread: 2, total: 3 })
    expect(await count('?type=session.failed')).toEqual({ unread: 0, total: 1 })

    const unmarked = await harness.request<NotificationView>('PATCH', `/api/notifications/${failed}`, { token: agent.token, body: { read: false } })
    expect(unmarked.body).toMatchObject({ id: failed, read: false, readAt: null })
    expect(await count()).toEqual({ unread: 3, total: 3 })
  })

  it('marks all unread read, or only those of one type', async () => {
    const user = await harness.createUser('agent')
    await notify(other, 'session.failed', 'Theirs stays unread')
    await notify(user, 'session.failed', 'one')
    await notify(user, 'session.failed', 'two')
    await notify(user, 'campaign.finished', 'three')

    const ofType = await harness.request<{ updated: number }>('POST', '/api/notifications/read-all', { token: user.token, body: { type: 'session.failed' } })
    expect(ofType.body).toEqual({ updated: 2 })
    expect(await count('', user.token)).toEqual({ unread: 1, total: 3 })

    const all = await harness.request<{ updated: number }>('POST', '/api/notifications/read-all', { token: user.token })
    expect(all.body).toEqual({ updated: 1 })
    expect(await count('', user.token)).toEqual({ unread: 0, total: 3 })
    // Another user's notifications are untouched.
    expect(await list('?read=false', other.token)).toContainEqual(expect.objectContaining({ title: 'Theirs stays unread' }))
  })

  it('deletes one of your notifications', async () => {
    const id = await notify(agent, 'lead.assigned', 'To delete')
    const deleted = await harness.request('DELETE', `/api/notifications/${id}`, { token: agent.token })
    expect(deleted.status).toBe(204)
    expect((await list('')).map((item) => item.id)).not.toContain(id)
    const again = await harness.request<ErrorBody>('DELETE', `/api/notifications/${id}`, { token: agent.token })
    expect(again.status).toBe(404)
    expect(again.body.error.code).toBe('NOTIFICATION_NOT_FOUND')
  })

  it("answers another user's notification with 404 and leaves it alone", async () => {
    const theirs = await notify(other, 'lead.assigned', 'Private')
    const patched = await harness.request<ErrorBody>('PATCH', `/api/notifications/${theirs}`, { token: agent.token, body: { read: true } })
    expect(patched.status).toBe(404)
    expect(patched.body.error.code).toBe('NOTIFICATION_NOT_FOUND')
    const deleted = await harness.request<ErrorBody>('DELETE', `/api/notifications/${theirs}`, { token: agent.token })
    expect(deleted.status).toBe(404)
    expect(deleted.body.error.code).toBe('NOTIFICATION_NOT_FOUND')
    expect(await list('', other.token)).toContainEqual(expect.objectContaining({ id: theirs, read: false }))
    expect((await list('')).map((item) => item.id)).not.toContain(theirs)
  })

  it('refuses API keys with 403 USERS_ONLY', async () => {
    const key = await harness.createApiKey('admin')
    for (const [method, path, body] of [
      ['GET', '/api/notifications', undefined],
      ['GET', '/api/notifications/count', undefined],
      ['POST', '/api/notifications/read-all', {}],
      ['PATCH', '/api/notifications/some-id', { read: true }],
      ['DELETE', '/api/notifications/some-id', undefined],
    ] as const) {
      const response = await harness.request<ErrorBody>(method, path, { apiKey: key.key, body })
      expect(response.status, `${method} ${path}`).toBe(403)
      expect(response.body.error.code).toBe('USERS_ONLY')
      expect(response.body.error.message).toMatch(/API key has no notifications/)
    }
  })

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', '/api/notifications?limit=0', undefined, 'query.limit'],
      ['GET', '/api/notifications?limit=101', undefined, 'query.limit'],
      ['GET', '/api/notifications?read=maybe', undefined, 'query.read'],
      ['GET', '/api/notifications?type=Not%20A%20Type', undefined, 'query.type'],
      ['GET', '/api/notifications?cursor=bogus', undefined, 'query.cursor'],
      ['GET', '/api/notifications/count?type=x', undefined, 'query.type'],
      ['PATCH', '/api/notifications/some-id', { read: 'yes' }, 'body.read'],
      ['PATCH', '/api/notifications/some-id', {}, 'body.read'],
      ['POST', '/api/notifications/read-all', { kind: 'x' }, 'body.kind'],
    ]
    for (const [method, path, body, field] of cases) {
      const response = await harness.request<ErrorBody>(method, path, { token: agent.token, body })
      expect(response.status, `${method} ${path}`).toBe(400)
      expect(response.body.error.details?.map((detail) => detail.field), `${method} ${path}`).toContain(field)
    }
  })

  it('documents the routes in the OpenAPI document', async () => {
    const document = await harness.request<{ paths: Record<string, Record<string, { tags: string[] }>> }>('GET', '/api/openapi.json')
    expect(document.status).toBe(200)
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/notifications', '/api/notifications/count', '/api/notifications/read-all', '/api/notifications/{id}']),
    )
    expect(document.body.paths['/api/notifications']?.get?.tags).toEqual(['notifications'])
  })
})
