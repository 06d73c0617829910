// A contact's leads and unfinished form are theirs: exported and erased on request
// (docs/plugin-api/privacy.md). Users of the panel: nothing is kept about them.
import { reminderKey } from './conversation.js'

export function registerPrivacy(plugin, store) {
  plugin.privacy.register({
    async export(subject) {
      if (subject.kind !== 'contact') return {}
      return store.ofContact(subject.sessionId, subject.phone)
    },
    async erase(subject) {
      if (subject.kind !== 'contact') return {}
      // The pending reminder's payload names the chat: it goes too.
      await plugin.jobs.cancel(reminderKey(subject.sessionId, subject.chatId))
      const deleted = await store.eraseContact(subject.sessionId, subject.phone)
      return { deleted }
    },
  })
}
