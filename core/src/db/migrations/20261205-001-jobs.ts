import { defineMigration } from '../migration.ts'

/**
 * Durable plugin jobs (core/src/jobs). Times are epoch milliseconds in bigint columns, compared
 * the same way on SQLite and PostgreSQL and read from the kernel clock.
 */
export const jobsMigration = defineMigration({
  name: '20261205-001-jobs',
  async up({ knex }) {
    await knex.schema.createTable('jobs', (table) => {
      table.string('id', 36).primary()
      table.string('plugin_id', 64).notNullable()
      table.string('name', 100).notNullable()
      table.text('payload').notNullable()
      // pending | running | completed | failed | cancelled
      table.string('status', 16).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('max_attempts').notNullable()
      table.bigInteger('run_at').notNullable()
      table.string('dedupe_key', 200).nullable()
      table.string('cron', 200).nullable()
      table.string('timezone', 64).nullable()
      table.string('lease_owner', 100).nullable()
      table.string('claim_token', 36).nullable()
      table.bigInteger('lease_until').nullable()
      table.text('last_error').nullable()
      table.bigInteger('created_at').notNullable()
      table.bigInteger('updated_at').notNullable()
      table.bigInteger('finished_at').nullable()
    })
    // Claiming: due work of one job name, oldest first; expired leases of running jobs.
    await knex.schema.alterTable('jobs', (table) => {
      table.index(['status', 'plugin_id', 'name', 'run_at'], 'jobs_due_idx')
    })
    await knex.schema.alterTable('jobs', (table) => {
      table.index(['status', 'lease_until'], 'jobs_lease_idx')
    })
    // Listing newest first, and finished jobs by age for clean-up.
    await knex.schema.alterTable('jobs', (table) => {
      table.index(['created_at', 'id'], 'jobs_created_idx')
    })
    await knex.schema.alterTable('jobs', (table) => {
      table.index(['status', 'finished_at'], 'jobs_finished_idx')
    })
    // A dedupe key is taken while its job is pending or running: enqueue with it is idempotent, on any node.
    await knex.raw(
      `create unique index jobs_active_dedupe_idx on jobs (plugin_id, dedupe_key) where dedupe_key is not null and status in ('pending', 'running')`,
    )
  },
  async down({ knex }) {
    await knex.schema.dropTableIfExists('jobs')
  },
})
