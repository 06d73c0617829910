import type { ListRowRecord } from './message-list-entity.ts'
import type { ListContent } from './list-content.ts'

export type ListLocale = 'ar' | 'en'

const hints: Record<ListLocale, string> = {
  en: 'Reply with the number of your choice.',
  ar: 'للاختيار، أرسل رقم الخيار.',
}

/** Arabic when the text has more Arabic letters than Latin ones. */
export function detectLocale(text: string): ListLocale {
  const arabic = text.match(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g)?.length ?? 0
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0
  return arabic > latin ? 'ar' : 'en'
}

/**
 * The list as numbered text, for drivers that cannot send WhatsApp list messages:
 * title, body, each section's options as "1. Title — description", then the hint.
 */
export function renderListText(list: ListContent): { text: string; locale: ListLocale; rows: ListRowRecord[] } {
  const locale = list.locale ?? detectLocale(`${list.title ?? ''} ${list.body}`)
  const rows: ListRowRecord[] = []
  const blocks: string[] = []
  if (list.title) blocks.push(`*${list.title}*`)
  blocks.push(list.body)
  for (const section of list.sections) {
    const lines = section.title ? [`*${section.title}*`] : []
    for (const row of section.rows) {
      const number = rows.length + 1
      rows.push({ number, id: row.id, title: row.title })
      lines.push(`${number}. ${row.title}${row.description ? ` — ${row.description}` : ''}`)
    }
    blocks.push(lines.join('\n'))
  }
  blocks.push(`_${hints[locale]}_`)
  return { text: blocks.join('\n\n'), locale, rows }
}
