import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '../api/client.ts'
import type { Me, Role, User } from '../api/types.ts'

export type AuthState = 'unknown' | 'signed-in' | 'signed-out'

/** Who is signed in. The login token lives only in the httpOnly cookie; the panel never holds it. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const state = ref<AuthState>('unknown')
  /** Set when a signed-in session ended on its own (expired or revoked), to tell the user why. */
  const expired = ref(false)

  const role = computed<Role | null>(() => me.value?.role ?? null)
  const isAdmin = computed(() => role.value === 'admin')
  /** Admins and agents change things; viewers only look. */
  const canWrite = computed(() => role.value === 'admin' || role.value === 'agent')

  function hasRole(roles: readonly Role[] | undefined): boolean {
    return !roles || (role.value !== null && roles.includes(role.value))
  }

  function canAccessSession(clientId: string): boolean {
    return me.value !== null && (me.value.sessions === null || me.value.sessions.includes(clientId))
  }

  // Asks whether the cookie is a valid login; the answer is 200 either way, so the sign-in page
  // logs no failed request (a plugin author's "no console errors" check passes there).
  async function refresh(): Promise<void> {
    const probe = await api.get<{ authenticated: boolean; me: Me | null }>('auth/session')
    me.value = probe.authenticated ? probe.me : null
    state.value = me.value ? 'signed-in' : 'signed-out'
  }

  async function login(email: string, password: string): Promise<void> {
    await api.post<{ user: User }>('auth/login', { email, password })
    expired.value = false
    await refresh()
  }

  async function logout(): Promise<void> {
    try {
      await api.post('auth/logout')
    } finally {
      me.value = null
      state.value = 'signed-out'
    }
  }

  /** The server refused our cookie: the login expired or was revoked elsewhere. */
  function markExpired(): void {
    if (state.value !== 'signed-in') return
    me.value = null
    state.value = 'signed-out'
    expired.value = true
  }

  function updateUser(user: User): void {
    if (me.value) me.value = { ...me.value, name: user.name, user }
  }

  return { me, state, expired, role, isAdmin, canWrite, hasRole, canAccessSession, refresh, login, logout, markExpired, updateUser }
})
