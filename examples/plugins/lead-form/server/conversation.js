// The form itself: a responder at priority 300 that starts on a trigger word, owns the chat while
// it asks name -> budget -> district, and keeps the lead. Every step is written to the database
// before the answer goes out, so a restart (or another node) continues the same conversation.
import { randomUUID } from 'node:crypto'
import { detectLocale, mentionsAny, parseBudget, parseDistrict, parseName } from './text.js'
import { districtList, replies } from './replies.js'

export const leadCaptured = { name: 'lead-form.lead.captured' }
export const reminderJob = 'remind'
// Job payloads and keys hold only the question's id, never a phone number: the jobs table (and
// GET /api/jobs) keeps finished jobs for a week, beyond the reach of an erase.
export const reminderKey = (questionId) => `remind:${questionId}`

const minutes = (count) => count * 60_000

export function registerConversation(plugin, store) {
  const now = () => plugin.clock.now()
  const capturedTotal = plugin.metrics.counter({ name: 'waqtor_lead_form_leads_captured_total', help: 'Leads the form captured, by the language of the conversation', labelNames: ['locale'] })

  // Claim at once and let the send go in the background: the chain waits for the handler, not for
  // the session's sending governor. Sends of one session leave in the order they were asked.
  const say = (sessionId, chatId, content, idempotencyKey) => {
    plugin.messages
      .send(sessionId, { to: chatId, ...content }, { idempotencyKey })
      .catch((error) => plugin.logger.warn({ err: error, code: error.code, sessionId }, 'lead form: reply not sent'))
  }

  async function localeFor(turn, settings) {
    const contact = await plugin.contacts.get(turn.sessionId, turn.chatId)
    return contact?.locale ?? detectLocale(turn.message.body) ?? settings.defaultLocale
  }

  /** Holds the chat (renewed at every answer) and arms one reminder for the question just asked. */
  async function ask(state, settings) {
    const expiresAt = now() + minutes(settings.formTimeoutMinutes)
    await plugin.responders.own(state.sessionId, state.chatId, { kind: 'flow', until: new Date(expiresAt) })
    const next = { ...state, questionId: randomUUID(), reminded: false, expiresAt }
    await store.saveConversation(next)
    if (state.questionId) await plugin.jobs.cancel(reminderKey(state.questionId))
    if (settings.reminderMinutes > 0 && settings.reminderMinutes < settings.formTimeoutMinutes) {
      await plugin.jobs.enqueue(reminderJob, { questionId: next.questionId }, { delayMs: minutes(settings.reminderMinutes), dedupeKey: reminderKey(next.questionId) })
    }
    return next
  }

  async function finish(state) {
    await plugin.jobs.cancel(reminderKey(state.questionId))
    await store.endConversation(state.sessionId, state.chatId)
    await plugin.responders.release(state.sessionId, state.chatId)
  }

  async function capture(state, district, messageId) {
    const lead = await store.addLead({
      sessionId: state.sessionId,
      chatId: state.chatId,
      phone: state.phone,
      name: state.name,
      budget: state.budget,
      districtId: district.id,
      district: district.name,
      locale: state.locale,
      createdAt: now(),
    })
    await finish(state)
    capturedTotal.inc({ locale: state.locale })
    await plugin.contacts.tag(state.sessionId, state.chatId, 'lead').catch((error) => plugin.logger.warn({ err: error }, 'lead form: contact not tagged'))
    say(state.sessionId, state.chatId, { text: replies[state.locale].thanks(lead) }, `thanks:${messageId}`)
    // The public event (webhooks, other plugins) and the panel page, live. Not awaited: a handler
    // does not wait for the bus.
    void plugin.bus.emit(leadCaptured, lead)
    plugin.io.emit('leads', 'lead-form.lead.captured', lead)
    return lead
  }

  plugin.responders.register('form', async (turn) => {
    if (turn.claimedBy) return undefined // a guard (opt-out) answered: stay quiet
    const { message, sessionId, chatId } = turn
    if (message.fromMe || !chatId.endsWith('@c.us')) return undefined
    const settings = plugin.sessionConfig(sessionId)
    const answerKey = (kind) => `${kind}:${message.messageId}`

    let state = await store.conversation(sessionId, chatId)
    if (state && turn.owner?.pluginId !== plugin.id) {
      // The form lapsed, or a person at the desk took the chat over: forget it.
      await plugin.jobs.cancel(reminderKey(state.questionId))
      await store.endConversation(sessionId, chatId)
      state = null
    }

    if (!state) {
      // Owned by this plugin without a form: a crash came between the two writes. Free the chat.
      if (turn.owner?.pluginId === plugin.id) await plugin.responders.release(sessionId, chatId)
      else if (turn.owner) return undefined // an agent or another flow has the chat
      if (!mentionsAny(message.body, settings.keywords)) return undefined
      const locale = await localeFor(turn, settings)
      await ask({ sessionId, chatId, phone: chatId.split('@')[0], step: 'name', locale, startedAt: now() }, settings)
      say(sessionId, chatId, { text: replies[locale].askName }, answerKey('ask-name'))
      return { claim: true }
    }

    const text = replies[state.locale]
    if (mentionsAny(message.body, settings.cancelKeywords)) {
      await finish(state)
      say(sessionId, chatId, { text: text.cancelled }, answerKey('cancelled'))
      return { claim: true }
    }

    if (state.step === 'name') {
      const name = parseName(message.body)
      if (!name) say(sessionId, chatId, { text: text.badName }, answerKey('bad-name'))
      else {
        await ask({ ...state, step: 'budget', name }, settings)
        say(sessionId, chatId, { text: text.askBudget(name) }, answerKey('ask-budget'))
      }
      return { claim: true }
    }

    if (state.step === 'budget') {
      const budget = parseBudget(message.body)
      if (budget === null) say(sessionId, chatId, { text: text.badBudget }, answerKey('bad-budget'))
      else {
        await ask({ ...state, step: 'district', budget }, settings)
        say(sessionId, chatId, { list: districtList(settings.districts, state.locale) }, answerKey('ask-district'))
      }
      return { claim: true }
    }

    const district = parseDistrict(message, settings.districts, state.locale)
    if (!district) say(sessionId, chatId, { text: text.badDistrict }, answerKey('bad-district'))
    else await capture(state, district, message.messageId)
    return { claim: true }
  })

  // One reminder per question, after `reminderMinutes` of silence. An answer cancels it; if the
  // answer and the job cross, the question id tells the job it is stale.
  plugin.jobs.define(reminderJob, async ({ payload }) => {
    const { questionId } = payload
    const state = await store.conversationAsking(questionId)
    if (!state || state.reminded) return // answered, ended, erased or reminded already
    const { sessionId, chatId } = state
    const owner = await plugin.responders.owner(sessionId, chatId)
    if (owner?.pluginId !== plugin.id || !plugin.isEnabledFor(sessionId)) {
      await store.endConversation(sessionId, chatId)
      return
    }
    // The key makes a retry (or a second node) return the first send instead of sending again.
    await plugin.messages.send(sessionId, { to: chatId, text: replies[state.locale].reminder[state.step] }, { idempotencyKey: `reminder:${questionId}` })
    await store.markReminded(sessionId, chatId, questionId)
  }, { retries: 2, backoff: { baseMs: 30_000 } })

  // Forms left unanswered until their time ran out: their chats are free already, drop the rows.
  plugin.jobs.define('purge-lapsed', async () => {
    const purged = await store.purgeLapsed(now())
    if (purged > 0) plugin.logger.info({ purged }, 'lead form: lapsed forms removed')
  })
}
