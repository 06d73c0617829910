import { afterEach, vi } from 'vitest'

// Each component test starts with a clean address, storage and document direction.
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  localStorage.clear()
  document.documentElement.removeAttribute('dir')
  document.documentElement.removeAttribute('lang')
})
