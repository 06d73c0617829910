import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

/** Long actions (restart, delete, upload) block the screen with an overlay until they end. */
export const useBusyStore = defineStore('busy', () => {
  const labels = ref<string[]>([])
  const active = computed(() => labels.value.length > 0)
  const label = computed(() => labels.value.at(-1) ?? '')

  async function run<T>(text: string, action: () => Promise<T>): Promise<T> {
    labels.value.push(text)
    try {
      return await action()
    } finally {
      const index = labels.value.lastIndexOf(text)
      if (index >= 0) labels.value.splice(index, 1)
    }
  }

  return { active, label, run }
})
