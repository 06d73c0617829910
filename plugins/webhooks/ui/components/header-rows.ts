/** One custom header being edited; `key` only keeps rows apart while typing. */
export interface HeaderRow {
  key: number
  name: string
  value: string
}

export type HeaderProblem = 'nameRequired' | 'nameInvalid' | 'reserved' | 'duplicate' | 'valueInvalid'

export const maxHeaders = 20

// The server's rules (plugins/webhooks/server/routes/schemas.ts), checked here first so the form
// can point at the row.
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/
const reservedHeaders = new Set([
  'host', 'content-length', 'content-type', 'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization',
  'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect',
])

let nextKey = 0

export function headerRow(name = '', value = ''): HeaderRow {
  nextKey += 1
  return { key: nextKey, name, value }
}

export function headerRows(headers: Record<string, string>): HeaderRow[] {
  return Object.entries(headers).map(([name, value]) => headerRow(name, value))
}

/** Rows with a name, as the API wants them; rows left entirely empty are ignored. */
export function headersOf(rows: readonly HeaderRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => row.name.trim() !== '').map((row) => [row.name.trim(), row.value]))
}

/** What is wrong with each row, by row key. */
export function headerProblems(rows: readonly HeaderRow[]): Map<number, HeaderProblem> {
  const problems = new Map<number, HeaderProblem>()
  const seen = new Set<string>()
  for (const row of rows) {
    const name = row.name.trim()
    if (name === '' && row.value === '') continue
    const lower = name.toLowerCase()
    if (name === '') problems.set(row.key, 'nameRequired')
    else if (!headerName.test(name)) problems.set(row.key, 'nameInvalid')
    else if (reservedHeaders.has(lower) || lower.startsWith('x-waqtor-')) problems.set(row.key, 'reserved')
    else if (seen.has(lower)) problems.set(row.key, 'duplicate')
    else if (/[\r\n\0]/.test(row.value) || row.value.length > 2048) problems.set(row.key, 'valueInvalid')
    seen.add(lower)
  }
  return problems
}
