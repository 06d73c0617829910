const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const

/** A size (or a size per second) in the largest fitting decimal unit, in the page's language: "1.5 MB/s". */
export function formatBytes(bytes: number, locale: string, perSecond = false): string {
  let value = Math.max(0, bytes)
  let index = 0
  while (value >= 1000 && index < units.length - 1) {
    value /= 1000
    index++
  }
  const unit = `${units[index]}${perSecond ? '-per-second' : ''}`
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 && index > 0 ? 1 : 0 }).format(value)
}
