const steps: Array<{ unit: Intl.RelativeTimeFormatUnit; seconds: number; below: number }> = [
  { unit: 'second', seconds: 1, below: 45 },
  { unit: 'minute', seconds: 60, below: 45 * 60 },
  { unit: 'hour', seconds: 3600, below: 22 * 3600 },
  { unit: 'day', seconds: 86_400, below: 26 * 86_400 },
  { unit: 'month', seconds: 30 * 86_400, below: 320 * 86_400 },
  { unit: 'year', seconds: 365 * 86_400, below: Number.POSITIVE_INFINITY },
]

/** "3 minutes ago", "in 2 days", "now": the distance from `now` in the reader's language. */
export function formatRelativeTime(date: Date, now: number, locale: string): string {
  const seconds = Math.round((date.getTime() - now) / 1000)
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  // Under a few seconds either way reads as "now" (clocks of browser and server differ slightly).
  if (Math.abs(seconds) < 10) return format.format(0, 'second')
  const step = steps.find((candidate) => Math.abs(seconds) < candidate.below) ?? steps[steps.length - 1]!
  return format.format(Math.round(seconds / step.seconds), step.unit)
}
