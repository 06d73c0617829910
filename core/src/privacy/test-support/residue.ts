import type { Knex } from '@mikro-orm/knex'
import type { TestKernel } from '../../testing/index.ts'

/**
 * Every table of the kernel's database whose rows mention `needle` anywhere (any column), with
 * how many rows: what a "no residue" check looks for after an erase.
 */
export async function tablesMentioning(harness: TestKernel, needle: string): Promise<Record<string, number>> {
  const knex = (harness.kernel.orm.em.fork() as unknown as { getKnex(): Knex }).getKnex()
  const platform = harness.kernel.database.platform
  const tables: string[] = platform === 'postgresql'
    ? ((await knex.raw("select tablename from pg_tables where schemaname = 'public'")) as { rows: Array<{ tablename: string }> }).rows.map((row) => row.tablename)
    : ((await knex.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")) as Array<{ name: string }>).map((row) => row.name)
  const found: Record<string, number> = {}
  for (const table of tables) {
    const rows = (await knex(table).select('*')) as Array<Record<string, unknown>>
    const hits = rows.filter((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)).includes(needle)).length
    if (hits > 0) found[table] = hits
  }
  return found
}
