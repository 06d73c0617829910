import { definePlugin } from '../../../../define-plugin.ts'

async function syncLater(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20))
  throw new Error('sync failed and nobody awaited it')
}

export default definePlugin({
  register() {},
  start() {
    // Fire and forget, without a catch.
    void syncLater()
  },
})
