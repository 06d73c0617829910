import type { DeliveryStatus } from './webhooks-api.ts'

/** A duration in milliseconds in the reader's language: "850 ms", "2.4 s". */
export function formatDuration(ms: number | null, locale: string): string {
  if (ms === null) return '—'
  if (ms < 1000) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 }).format(ms)
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: ms < 10_000 ? 2 : 1 }).format(ms / 1000)
}

/** PrimeVue Tag severities of delivery statuses. */
export function statusSeverity(status: DeliveryStatus): 'success' | 'danger' | 'info' | 'warn' {
  switch (status) {
    case 'delivered':
      return 'success'
    case 'failed':
      return 'danger'
    case 'in_flight':
      return 'info'
    default:
      return 'warn'
  }
}

/** Green from 99 %, orange from 90 %, red below; none without finished deliveries. */
export function successSeverity(rate: number | null): 'success' | 'warn' | 'danger' | 'secondary' {
  if (rate === null) return 'secondary'
  if (rate >= 0.99) return 'success'
  if (rate >= 0.9) return 'warn'
  return 'danger'
}

/** Event names in messages cannot hold dots (they are key paths): `message.received` → `message_received`. */
export function eventMessageKey(name: string): string {
  return name.replace(/\./g, '_')
}

/** An address without its scheme and query, where space is short: `crm.example.com/hook`. */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`
  } catch {
    return url
  }
}
