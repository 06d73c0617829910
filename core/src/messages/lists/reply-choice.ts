import { comparableTitle } from './list-content.ts'
import type { ListRowRecord } from './message-list-entity.ts'

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
}

/**
 * The option a reply chooses: its number ("2", "٢", "2." or "2)"), or its exact title (case and
 * spacing aside). Anything else chooses nothing.
 */
export function chosenRow(body: string, rows: ListRowRecord[]): ListRowRecord | null {
  const text = asciiDigits(body.normalize('NFKC')).trim()
  const number = /^(\d{1,3})\s*[.)]?$/.exec(text)?.[1]
  if (number !== undefined) return rows.find((row) => row.number === Number(number)) ?? null
  const title = comparableTitle(text)
  return rows.find((row) => comparableTitle(row.title) === title) ?? null
}
