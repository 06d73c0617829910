const units: Array<[Intl.NumberFormatOptions['unit'], number]> = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]

/** A length of time in its two largest units, in the reader's language: "3 days, 4 hr", "12 min". */
export function formatDuration(totalSeconds: number, locale: string): string {
  let rest = Math.max(0, Math.floor(totalSeconds))
  const parts: string[] = []
  for (const [unit, seconds] of units) {
    const count = Math.floor(rest / seconds)
    rest -= count * seconds
    // Seconds only count while there is nothing bigger; two units say enough.
    if (count === 0 || (unit === 'second' && parts.length > 0)) continue
    if (parts.length < 2) parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(count))
  }
  if (parts.length === 0) parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(0))
  return new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(parts)
}

/** How long a session has been ready, from its readyAt, or null when it is not ready. */
export function uptimeSeconds(readyAt: string | null, now: number): number | null {
  if (!readyAt) return null
  const since = Date.parse(readyAt)
  return Number.isNaN(since) ? null : Math.max(0, Math.round((now - since) / 1000))
}

/** A WhatsApp number as people write it: `+15550118667` (shown left to right in Arabic too). */
export function formatPhone(phone: string | null): string {
  return phone ? `+${phone.replace(/^\+/, '')}` : ''
}

/** A pairing code as WhatsApp shows it: `ABCD-EFGH`. */
export function formatPairingCode(code: string): string {
  const plain = code.replace(/[\s-]/g, '').toUpperCase()
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : code
}
