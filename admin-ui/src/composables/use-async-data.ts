import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'

export interface AsyncData<T> {
  data: ShallowRef<T | undefined>
  loading: Ref<boolean>
  error: ShallowRef<Error | null>
  reload: () => Promise<void>
}

/**
 * Loads data for a page or widget with its loading and error states. A reload supersedes the one
 * in flight, so a slow early answer never overwrites a newer one.
 */
export function useAsyncData<T>(load: (signal: AbortSignal) => Promise<T>, options: { immediate?: boolean } = {}): AsyncData<T> {
  const data = shallowRef<T>()
  const loading = ref(false)
  const error = shallowRef<Error | null>(null)
  let current: AbortController | null = null

  async function reload(): Promise<void> {
    current?.abort()
    const controller = new AbortController()
    current = controller
    loading.value = true
    error.value = null
    try {
      const value = await load(controller.signal)
      if (current === controller) data.value = value
    } catch (caught) {
      if (current === controller && !controller.signal.aborted) error.value = caught instanceof Error ? caught : new Error(String(caught))
    } finally {
      if (current === controller) loading.value = false
    }
  }

  if (options.immediate !== false) void reload()
  return { data, loading, error, reload }
}
