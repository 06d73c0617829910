import { afterEach, vi } from 'vitest'
import { unmountLeftoverPages } from './mount-page.ts'

// Each component test starts with a clean address, storage and document direction.
afterEach(async () => {
  unmountLeftoverPages()
  // PrimeVue removes a tooltip in a zero-delay timer when its element unmounts; let such timers run
  // while the document still exists, or they fire after the test file's DOM is torn down.
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  localStorage.clear()
  document.documentElement.removeAttribute('dir')
  document.documentElement.removeAttribute('lang')
})
