import { mount, flushPromises, type ComponentMountingOptions, type VueWrapper } from '@vue/test-utils'
import { waqtorPreset } from '../theme/waqtor-preset.ts'
import { createPinia, setActivePinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import { vi } from 'vitest'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { createPanelI18n } from '../i18n/i18n.ts'
import type { Locale } from '../i18n/locales.ts'
import type { Me, Role } from '../api/types.ts'
import { useAuthStore } from '../stores/auth-store.ts'

export interface FakeRoute {
  method?: string
  /** Path and query as the panel requests it, e.g. `/api/sessions/list`; a RegExp matches loosely. */
  path: string | RegExp
  status?: number
  body?: unknown
}

export interface FetchCall {
  method: string
  url: string
  body: unknown
}

/**
 * Replaces fetch with answers from `routes` (first match wins); an unmatched request answers 404.
 * Returns the calls made, to assert on what the page sent.
 */
export function fakeApi(routes: FakeRoute[]): FetchCall[] {
  const calls: FetchCall[] = []
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const method = (init.method ?? 'GET').toUpperCase()
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
    calls.push({ method, url: input, body })
    const route = routes.find((candidate) => (candidate.method ?? 'GET').toUpperCase() === method && (typeof candidate.path === 'string' ? candidate.path === input : candidate.path.test(input)))
    const status = route?.status ?? (route ? 200 : 404)
    const payload = route ? route.body : { error: { code: 'NOT_FOUND', message: `no fake for ${method} ${input}` } }
    return new Response(status === 204 ? null : JSON.stringify(payload ?? null), { status, headers: { 'content-type': 'application/json' } })
  })
  return calls
}

export function fakeMe(role: Role = 'admin', sessions: string[] | null = null): Me {
  return { kind: 'user', id: 'u1', name: 'Test User', role, sessions, user: null }
}

export interface MountPageOptions {
  locale?: Locale
  role?: Role | null
  sessions?: string[] | null
  routes?: RouteRecordRaw[]
  path?: string
  props?: Record<string, unknown>
  global?: ComponentMountingOptions<unknown>['global']
}

/**
 * Mounts a page or component with the panel's plugins (Pinia, i18n, PrimeVue, a memory router) and
 * a signed-in user of `role`. Wait for its requests with `await flushPromises()`.
 */
export async function mountPage(component: Component, options: MountPageOptions = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createPanelI18n(options.locale ?? 'en')
  const router = createRouter({
    history: createMemoryHistory(),
    routes: options.routes ?? [{ path: '/:pathMatch(.*)*', component: { template: '<div />' } }],
  })
  await router.push(options.path ?? '/')
  await router.isReady()
  const auth = useAuthStore()
  if (options.role !== null) {
    auth.me = fakeMe(options.role ?? 'admin', options.sessions ?? null)
    auth.state = 'signed-in'
  }
  const wrapper = mount(component, {
    props: options.props,
    attachTo: document.body,
    global: { plugins: [pinia, i18n, router, [PrimeVue, { theme: { preset: waqtorPreset } }], ToastService, ConfirmationService], ...options.global },
  })
  trackUntilUnmounted(wrapper)
  await flushPromises()
  return { wrapper, router, i18n, pinia }
}

const mountedPages = new Set<VueWrapper>()

function trackUntilUnmounted(wrapper: VueWrapper): void {
  mountedPages.add(wrapper)
  const unmount = wrapper.unmount.bind(wrapper)
  wrapper.unmount = () => {
    mountedPages.delete(wrapper)
    unmount()
  }
}

/** Unmounts what a test left mounted, so no late request or timer touches the next test's document. */
export function unmountLeftoverPages(): void {
  for (const wrapper of mountedPages) wrapper.unmount()
}

export { flushPromises }
