import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * When WAQTOR_TEST_DATABASE_URL points at PostgreSQL, each test kernel gets a database of its own
 * (created here, dropped on close), so test files can run in parallel against one server.
 */
export async function createPostgresTestDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `waqtor_test_${randomBytes(6).toString('hex')}`
  await adminQuery(baseUrl, `create database ${name}`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => adminQuery(baseUrl, `drop database if exists ${name} with (force)`),
  }
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
