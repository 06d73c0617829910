import { defineMigration } from '@waqtor/core'

export const createWebhookTables = defineMigration({
  name: '001-create-tables',
  async up({ knex }) {
    await knex.schema.createTable('webhooks_subscriptions', (table) => {
      table.string('id', 40).primary()
      table.string('url', 2048).notNullable()
      table.text('events').notNullable()
      table.text('sessions').nullable()
      table.text('headers').notNullable()
      table.boolean('active').notNullable()
      table.integer('max_concurrency').notNullable()
      table.string('secret', 128).notNullable()
      table.string('previous_secret', 128).nullable()
      table.bigInteger('previous_secret_until').nullable()
      table.string('created_by', 100).notNullable()
      table.bigInteger('created_at').notNullable()
      table.bigInteger('updated_at').notNullable()
    })
    await knex.schema.createTable('webhooks_deliveries', (table) => {
      table.string('id', 40).primary()
      table.string('subscription_id', 40).notNullable()
      table.string('event_id', 40).notNullable()
      table.string('event', 200).notNullable()
      table.string('session_id', 100).nullable()
      table.string('chat_id', 200).nullable()
      table.text('payload').notNullable()
      table.string('status', 16).notNullable()
      table.integer('attempts').notNullable()
      table.bigInteger('next_attempt_at').notNullable()
      table.bigInteger('lease_until').nullable()
      table.string('claim_token', 40).nullable()
      table.integer('response_status').nullable()
      table.text('response_body').nullable()
      table.string('error', 500).nullable()
      table.integer('latency_ms').nullable()
      table.bigInteger('created_at').notNullable()
      table.bigInteger('completed_at').nullable()
      // The worker's claim: due work of one subscription, oldest first.
      table.index(['subscription_id', 'status', 'next_attempt_at'], 'webhooks_deliveries_due')
      // Lease recovery and retention.
      table.index(['status', 'lease_until'], 'webhooks_deliveries_lease')
      table.index(['status', 'created_at'], 'webhooks_deliveries_age')
    })
  },
})
