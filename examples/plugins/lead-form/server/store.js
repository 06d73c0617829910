// The plugin's rows, through the kernel's knex (plugin.db): leads and forms in progress.
import { randomUUID } from 'node:crypto'
import { conversationsTable, leadsTable } from './migrations.js'

/** PostgreSQL answers bigint columns as strings; SQLite as numbers. */
const toNumber = (value) => (value === null || value === undefined ? null : Number(value))

export function leadView(row) {
  return {
    id: row.id,
    sessionId: row.session_id,
    chatId: row.chat_id,
    phone: row.phone,
    name: row.name,
    budget: toNumber(row.budget),
    districtId: row.district_id,
    district: row.district,
    locale: row.locale,
    createdAt: new Date(toNumber(row.created_at)).toISOString(),
  }
}

function conversationView(row) {
  return {
    sessionId: row.session_id,
    chatId: row.chat_id,
    phone: row.phone,
    step: row.step,
    locale: row.locale,
    name: row.name,
    budget: toNumber(row.budget),
    questionId: row.question_id,
    reminded: Boolean(row.reminded),
    startedAt: toNumber(row.started_at),
    expiresAt: toNumber(row.expires_at),
  }
}

export function createStore(plugin) {
  const knex = () => plugin.db.fork().getKnex()
  const chat = (sessionId, chatId) => ({ session_id: sessionId, chat_id: chatId })

  return {
    async conversation(sessionId, chatId) {
      const row = await knex()(conversationsTable).where(chat(sessionId, chatId)).first()
      return row ? conversationView(row) : null
    },

    /** The form whose current question is `questionId`, if it is still waiting for that answer. */
    async conversationAsking(questionId) {
      const row = await knex()(conversationsTable).where({ question_id: questionId }).first()
      return row ? conversationView(row) : null
    },

    /** Starts or moves a form on: each question gets a new id, so a late reminder knows it is stale. */
    async saveConversation(state) {
      const row = {
        session_id: state.sessionId,
        chat_id: state.chatId,
        phone: state.phone,
        step: state.step,
        locale: state.locale,
        name: state.name ?? null,
        budget: state.budget ?? null,
        question_id: state.questionId,
        reminded: state.reminded ?? false,
        started_at: state.startedAt,
        expires_at: state.expiresAt,
      }
      await knex()(conversationsTable).insert(row).onConflict(['session_id', 'chat_id']).merge()
    },

    async markReminded(sessionId, chatId, questionId) {
      const changed = await knex()(conversationsTable).where({ ...chat(sessionId, chatId), question_id: questionId, reminded: false }).update({ reminded: true })
      return changed > 0
    },

    async endConversation(sessionId, chatId) {
      return knex()(conversationsTable).where(chat(sessionId, chatId)).delete()
    },

    async purgeLapsed(now) {
      return knex()(conversationsTable).where('expires_at', '<', now).delete()
    },

    /** Keeps the lead and ends its form in one transaction: a crash leaves either both or neither. */
    async addLead(lead) {
      const row = {
        id: randomUUID(),
        session_id: lead.sessionId,
        chat_id: lead.chatId,
        phone: lead.phone,
        name: lead.name,
        budget: lead.budget,
        district_id: lead.districtId,
        district: lead.district,
        locale: lead.locale,
        created_at: lead.createdAt,
      }
      await knex().transaction(async (trx) => {
        await trx(leadsTable).insert(row)
        await trx(conversationsTable).where(chat(lead.sessionId, lead.chatId)).delete()
      })
      return leadView(row)
    },

    async leads(sessionId, limit) {
      const rows = await knex()(leadsTable).where({ session_id: sessionId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit)
      return rows.map(leadView)
    },

    async lead(id) {
      const row = await knex()(leadsTable).where({ id }).first()
      return row ? leadView(row) : null
    },

    async deleteLead(id) {
      return knex()(leadsTable).where({ id }).delete()
    },

    /** Everything kept about one contact of one session, for export and erase. */
    async ofContact(sessionId, phone) {
      const leads = await knex()(leadsTable).where({ session_id: sessionId, phone }).orderBy('created_at')
      const conversations = await knex()(conversationsTable).where({ session_id: sessionId, phone })
      return { leads: leads.map(leadView), conversations: conversations.map(conversationView) }
    },

    async eraseContact(sessionId, phone) {
      const leads = await knex()(leadsTable).where({ session_id: sessionId, phone }).delete()
      const conversations = await knex()(conversationsTable).where({ session_id: sessionId, phone }).delete()
      return { leads, conversations }
    },
  }
}
