/** A file size in the reader's language and digits: "1.4 MB", "١٫٤ م.ب". */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'narrow' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)
}

/** The calendar day of a moment in the reader's time zone, to draw one separator per day. */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`
}

export function isSameDay(a: Date, b: Date): boolean {
  return dayKey(a) === dayKey(b)
}

/** A link that opens a shared location in OpenStreetMap. */
export function mapUrl(location: { latitude: number; longitude: number }): string {
  const { latitude, longitude } = location
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`
}

/** A PrimeIcons class for a kind of message. */
export function kindIcon(type: string): string {
  switch (type) {
    case 'image':
    case 'sticker':
      return 'pi pi-image'
    case 'video':
      return 'pi pi-video'
    case 'audio':
    case 'voice':
      return 'pi pi-microphone'
    case 'location':
      return 'pi pi-map-marker'
    case 'document':
      return 'pi pi-file'
    default:
      return 'pi pi-comment'
  }
}

const knownKinds = new Set(['image', 'video', 'audio', 'voice', 'document', 'sticker', 'location', 'reaction'])

/** The key of a kind's name under `messages.kind`. */
export function kindKey(type: string): string {
  return `messages.kind.${knownKinds.has(type) ? type : 'other'}`
}
