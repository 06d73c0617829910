import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppError } from '../errors/app-error.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { notificationCreated, type NotificationCreatedPayload } from './notification-events.ts'
import type { NotificationView } from './notification-view.ts'

type User = Awaited<ReturnType<TestKernel['createUser']>>

describe('who receives a notification', () => {
  let harness: TestKernel
  let adminId: string
  let otherAdmin: User
  let shopAgent: User
  let clinicViewer: User
  let disabledShopAgent: User
  const events: NotificationCreatedPayload[] = []

  const inbox = async (token: string) => {
    const response = await harness.request<{ items: NotificationView[] }>('GET', '/api/notifications?limit=100', { token })
    expect(response.status).toBe(200)
    return response.body.items
  }

  beforeAll(async () => {
    harness = await createTestKernel()
    await harness.createSession('shop')
    await harness.createSession('clinic')
    adminId = (await harness.request<{ id: string }>('GET', '/api/auth/me')).body.id
    otherAdmin = await harness.createUser('admin')
    shopAgent = await harness.createUser('agent', ['shop'])
    clinicViewer = await harness.createUser('viewer', ['clinic'])
    disabledShopAgent = await harness.createUser('agent', ['shop'])
    const disabled = await harness.request('PATCH', `/api/users/${disabledShopAgent.id}`, { body: { disabled: true } })
    expect(disabled.status).toBe(200)
    harness.kernel.bus.on(notificationCreated, (payload) => void events.push(payload), { id: 'test.notifications' })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('notifySession reaches every active admin and the users granted the session, nobody else', async () => {
    events.length = 0
    const created = await harness.kernel.notifications.notifySession('shop', {
      type: 'session.failed',
      title: 'Session shop failed',
      body: 'The browser crashed',
      severity: 'error',
      data: { attempts: 3 },
    })
    expect(created.map((notification) => notification.userId).sort()).toEqual([adminId, otherAdmin.id, shopAgent.id].sort())

    for (const token of [harness.admin.token, otherAdmin.token, shopAgent.token]) {
      expect(await inbox(token)).toContainEqual(
        expect.objectContaining({
          type: 'session.failed',
          title: 'Session shop failed',
          body: 'The browser crashed',
          severity: 'error',
          sessionId: 'shop',
          data: { attempts: 3 },
          source: 'core',
          read: false,
          readAt: null,
        }),
      )
    }
    expect(await inbox(clinicViewer.token)).toEqual([])

    await harness.kernel.bus.idle()
    expect(events.map((event) => event.userId).sort()).toEqual([adminId, otherAdmin.id, shopAgent.id].sort())
    const ofAgent = created.find((notification) => notification.userId === shopAgent.id)!
    expect(events).toContainEqual({
      notificationId: ofAgent.id,
      userId: shopAgent.id,
      type: 'session.failed',
      severity: 'error',
      title: 'Session shop failed',
      sessionId: 'shop',
    })
  })

  it('notifyAdmins reaches only the active admins', async () => {
    const created = await harness.kernel.notifications.notifyAdmins({ type: 'system.disk.low', title: 'Disk almost full', severity: 'warning' })
    expect(created.map((notification) => notification.userId).sort()).toEqual([adminId, otherAdmin.id].sort())
    expect((await inbox(shopAgent.token)).map((item) => item.type)).not.toContain('system.disk.low')
  })

  it('notifyUsers skips unknown and disabled users, and users who may not see the session it is about', async () => {
    const plain = await harness.kernel.notifications.notifyUsers([clinicViewer.id, disabledShopAgent.id, 'no-such-user', clinicViewer.id], {
      type: 'lead.assigned',
      title: 'A lead is yours',
    })
    expect(plain.map((notification) => notification.userId)).toEqual([clinicViewer.id])

    const aboutShop = await harness.kernel.notifications.notifyUsers([clinicViewer.id, shopAgent.id], {
      type: 'lead.assigned',
      title: 'A shop lead is yours',
      sessionId: 'shop',
    })
    expect(aboutShop.map((notification) => notification.userId)).toEqual([shopAgent.id])
    expect((await inbox(clinicViewer.token)).map((item) => item.title)).toEqual(['A lead is yours'])
  })

  it('refuses invalid input, naming each field', async () => {
    const attempt = harness.kernel.notifications.notifyUsers([shopAgent.id], { type: 'Session Failed', title: '', body: 'x'.repeat(2001) })
    const error = await attempt.then(
      () => undefined,
      (reason: unknown) => reason as AppError,
    )
    expect(error?.code).toBe('NOTIFICATION_INVALID')
    const fields = (error?.details as Array<{ field: string }>).map((detail) => detail.field)
    expect(fields).toEqual(expect.arrayContaining(['notification.type', 'notification.title', 'notification.body']))
  })
})
