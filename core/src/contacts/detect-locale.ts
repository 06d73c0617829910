import type { ContactLocale } from '../db/entities/contact.ts'

// Arabic script blocks: Arabic, Supplement, Extended-A, Presentation Forms A and B.
const arabicLetter = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/g
// Basic Latin and Latin-1/Extended-A letters.
const latinLetter = /[A-Za-z\u00C0-\u00FF\u0100-\u017F]/g
/** Fewer letters than this say nothing (a "ok", an emoji, a number). */
const minimumLetters = 2

/**
 * The language of an inbound text, by script: mostly Arabic letters -> 'ar' (Saudi dialect and
 * Modern Standard Arabic alike), mostly Latin -> 'en'. Null when the text has too few letters to
 * tell. Cheap (two regex scans, no allocation beyond the matches) because it runs on every
 * inbound message.
 */
export function detectLocale(text: string): ContactLocale | null {
  if (text.length === 0) return null
  const sample = text.length > 2_000 ? text.slice(0, 2_000) : text
  const arabic = sample.match(arabicLetter)?.length ?? 0
  const latin = sample.match(latinLetter)?.length ?? 0
  if (arabic + latin < minimumLetters) return null
  if (arabic >= latin) return arabic >= minimumLetters ? 'ar' : null
  return latin >= minimumLetters ? 'en' : null
}
