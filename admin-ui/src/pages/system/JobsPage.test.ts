import Select from 'primevue/select'
import Toast from 'primevue/toast'
import ConfirmDialog from 'primevue/confirmdialog'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { fakeApi, flushPromises, mountPage } from '../../testing/mount-page.ts'
import type { BackgroundJob } from './job-view.ts'
import JobsPage from './JobsPage.vue'

function job(overrides: Partial<BackgroundJob>): BackgroundJob {
  return {
    id: 'j1', plugin: 'reminders', name: 'send-reminder', status: 'pending', payload: {}, attempts: 0, maxAttempts: 4, runAt: '2030-01-01T09:00:00.000Z',
    dedupeKey: null, cron: null, timezone: null, leaseOwner: null, leaseUntil: null, lastError: null,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, ...overrides,
  }
}

const failed = job({ id: 'j2', status: 'failed', attempts: 4, lastError: 'CRM answered 503 Service Unavailable', finishedAt: '2026-01-02T00:00:00.000Z' })
const pending = job({ id: 'j1' })
const daily = job({ id: 'j3', name: 'daily-report', cron: '0 9 * * *' })
const inline = { global: { stubs: { teleport: true } } }
// Toasts and the confirmation dialog, as the panel's layout mounts them.
const PageWithDialogs = defineComponent({ render: () => [h(JobsPage), h(Toast), h(ConfirmDialog)] })

describe('JobsPage', { timeout: 20_000 }, () => {
  it('shows a failed job’s error and runs it again with Retry', async () => {
    const calls = fakeApi([
      { path: '/api/jobs?limit=50', body: { items: [failed, pending, daily], nextCursor: null } },
      { method: 'POST', path: '/api/jobs/j2/retry', body: { ...failed, status: 'pending', attempts: 0 } },
    ])
    const { wrapper } = await mountPage(PageWithDialogs, inline)
    expect(wrapper.find('[data-testid=job-row-j2]').text()).toContain('send-reminder')
    expect(wrapper.find('[data-testid=job-row-j2]').text()).toContain('reminders')
    expect(wrapper.find('[data-testid=job-error-j2]').text()).toContain('CRM answered 503 Service Unavailable')
    expect(wrapper.find('[data-testid=job-status-j2]').text()).toBe('Failed')
    expect(wrapper.find('[data-testid=job-row-j3] [data-testid=job-cron]').text()).toContain('0 9 * * *')
    expect(wrapper.find('[data-testid=job-retry-j1]').exists()).toBe(false)

    await wrapper.find('[data-testid=job-retry-j2]').trigger('click')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/jobs/j2/retry'])
    expect(calls.filter((call) => call.url === '/api/jobs?limit=50')).toHaveLength(2)
    expect(wrapper.text()).toContain('The job will run again now.')
    wrapper.unmount()
  })

  it('cancels a pending job after asking', async () => {
    const calls = fakeApi([
      { path: '/api/jobs?limit=50', body: { items: [pending], nextCursor: null } },
      { method: 'DELETE', path: '/api/jobs/j1', body: { ...pending, status: 'cancelled' } },
    ])
    const { wrapper } = await mountPage(PageWithDialogs, inline)
    await wrapper.find('[data-testid=job-cancel-j1]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('Cancel this job?')
    const accept = [...document.body.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Cancel job')
    accept?.click()
    await flushPromises()
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual(['/api/jobs/j1'])
    wrapper.unmount()
  })

  it('filters by status through the server and pages with Show more', async () => {
    const calls = fakeApi([
      { path: '/api/jobs?limit=50', body: { items: [pending], nextCursor: null } },
      { path: '/api/jobs?status=failed&limit=50', body: { items: [failed], nextCursor: 'next-page' } },
      { path: '/api/jobs?status=failed&limit=50&cursor=next-page', body: { items: [job({ id: 'j9', status: 'failed', lastError: 'older failure' })], nextCursor: null } },
    ])
    const { wrapper, router } = await mountPage(JobsPage, inline)
    wrapper.findComponent(Select).vm.$emit('update:modelValue', 'failed')
    await flushPromises()
    expect(router.currentRoute.value.query.status).toBe('failed')
    expect(wrapper.find('[data-testid=job-row-j1]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=job-row-j2]').exists()).toBe(true)

    await wrapper.find('[data-testid=jobs-load-more]').trigger('click')
    await flushPromises()
    expect(calls.at(-1)?.url).toBe('/api/jobs?status=failed&limit=50&cursor=next-page')
    expect(wrapper.find('[data-testid=job-error-j9]').text()).toContain('older failure')
    expect(wrapper.find('[data-testid=jobs-load-more]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('says so when there are no jobs, and when the list cannot be read', async () => {
    fakeApi([{ path: '/api/jobs?limit=50', body: { items: [], nextCursor: null } }])
    const empty = await mountPage(JobsPage, inline)
    expect(empty.wrapper.text()).toContain('No background jobs yet.')
    empty.wrapper.unmount()

    fakeApi([{ path: '/api/jobs?limit=50', status: 403, body: { error: { code: 'FORBIDDEN', message: 'Admins only', details: null } } }])
    const refused = await mountPage(JobsPage, inline)
    expect(refused.wrapper.find('[data-testid=state-error]').text()).toContain('Admins only')
    refused.wrapper.unmount()
  })

  it('says in the reader’s language why a retry was refused, and shows the list as it is now', async () => {
    const calls = fakeApi([
      { path: '/api/jobs?limit=50', body: { items: [failed], nextCursor: null } },
      { method: 'POST', path: '/api/jobs/j2/retry', status: 409, body: { error: { code: 'JOB_NOT_FAILED', message: 'job j2 is pending: only a failed job can be retried', details: null } } },
    ])
    const { wrapper } = await mountPage(PageWithDialogs, { locale: 'ar', ...inline })
    await wrapper.find('[data-testid=job-retry-j2]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('لم تعد هذه المهمة فاشلة')
    expect(calls.filter((call) => call.url === '/api/jobs?limit=50')).toHaveLength(2)
    wrapper.unmount()
  })

  it('explains a job whose server died on its last attempt', async () => {
    const orphaned = job({ id: 'j5', status: 'failed', lastError: 'its node stopped answering during the last attempt (lease expired)' })
    fakeApi([{ path: '/api/jobs?limit=50', body: { items: [orphaned], nextCursor: null } }])
    const { wrapper } = await mountPage(JobsPage, { locale: 'ar', ...inline })
    expect(wrapper.find('[data-testid=job-error-j5]').text()).toContain('توقف الخادم الذي كان ينفّذها')
    wrapper.unmount()
  })

  it('reads in Arabic', async () => {
    fakeApi([{ path: '/api/jobs?limit=50', body: { items: [failed], nextCursor: null } }])
    const { wrapper } = await mountPage(JobsPage, { locale: 'ar', ...inline })
    expect(wrapper.text()).toContain('المهام في الخلفية')
    expect(wrapper.find('[data-testid=job-status-j2]').text()).toBe('فشلت')
    expect(wrapper.find('[data-testid=job-retry-j2]').text()).toContain('إعادة المحاولة')
    wrapper.unmount()
  })
})
