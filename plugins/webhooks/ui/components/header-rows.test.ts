import { describe, expect, it } from 'vitest'
import { headerProblems, headerRow, headersOf } from './header-rows.ts'

describe('custom header rows', () => {
  it('names what the server would refuse, row by row', () => {
    const rows = [
      headerRow('Authorization', 'Bearer x'),
      headerRow('Content-Type', 'text/plain'),
      headerRow('X-WaQtor-Signature', 'forged'),
      headerRow('with space', 'v'),
      headerRow('authorization', 'twice'),
      headerRow('', 'orphan value'),
      headerRow('X-Multi', 'line\nbreak'),
      headerRow('', ''),
    ]
    const problems = headerProblems(rows)
    expect(rows.map((row) => problems.get(row.key) ?? null)).toEqual([null, 'reserved', 'reserved', 'nameInvalid', 'duplicate', 'nameRequired', 'valueInvalid', null])
  })

  it('sends named rows only, trimmed', () => {
    expect(headersOf([headerRow(' X-Token ', 'abc'), headerRow('', '')])).toEqual({ 'X-Token': 'abc' })
  })
})
