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
      // A pending reminder would find nothing to remind of; cancel it all the same.
      const { conversations } = await store.ofContact(subject.sessionId, subject.phone)
      for (const conversation of conversations) await plugin.jobs.cancel(reminderKey(conversation.questionId))
      const deleted = await store.eraseContact(subject.sessionId, subject.phone)
      return { deleted }
    },
  })
}
