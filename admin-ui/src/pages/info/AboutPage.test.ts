import { describe, expect, it } from 'vitest'
import { fakeApi, mountPage } from '../../testing/mount-page.ts'
import AboutPage from './AboutPage.vue'

describe('AboutPage', () => {
  it('shows the server version to a signed-in user, from the OpenAPI document', async () => {
    const calls = fakeApi([{ path: '/api/openapi.json', body: { openapi: '3.1.0', info: { title: 'WaQtor API', version: '0.4.2' }, paths: {} } }])
    const { wrapper } = await mountPage(AboutPage, { role: 'viewer' })
    expect(wrapper.find('[data-testid=about-server-version]').text()).toBe('0.4.2')
    expect(calls.map((call) => call.url)).toEqual(['/api/openapi.json'])
    expect(wrapper.find('[data-testid=about-docs-link]').attributes('href')).toBe('/docs')
    expect(wrapper.find('[data-testid=about-openapi-link]').attributes('href')).toBe('/api/openapi.json')
  })

  it('asks a visitor to sign in for the server version, without calling the API', async () => {
    const calls = fakeApi([])
    const { wrapper } = await mountPage(AboutPage, { role: null, locale: 'ar' })
    expect(wrapper.find('[data-testid=about-server-version]').text()).toBe('سجّل الدخول لرؤية إصدار الخادم.')
    expect(wrapper.find('[data-testid=about-panel-version]').text()).toMatch(/^\d+\.\d+\.\d+/)
    expect(calls).toEqual([])
  })

  it('marks the admin panel and the realtime monitor as new, and lists what is coming', async () => {
    fakeApi([{ path: '/api/openapi.json', body: { info: { version: '0.4.2' } } }])
    const { wrapper } = await mountPage(AboutPage)
    const withNewTag = wrapper.findAll('[data-testid=about-done] li').filter((item) => item.find('[data-testid=new-tag]').exists())
    expect(withNewTag.map((item) => item.attributes('data-phase'))).toEqual(['adminPanel', 'realtimeMonitor'])
    expect(wrapper.findAll('[data-testid=about-done] li').map((item) => item.attributes('data-phase'))).toEqual(['kernel', 'sessions', 'realtime', 'webhooks', 'adminPanel', 'realtimeMonitor'])
    expect(wrapper.find('[data-testid=about-coming]').text()).toContain('SmartBot')
    expect(wrapper.findAll('[data-testid=about-coming] li')).toHaveLength(6)
  })
})
