import type { ContactLocale } from '../db/entities/contact.ts'

/** Fewer letters than this say nothing (a "ok", an emoji, a number). */
const minimumLetters = 2
/** Enough text to tell; a long message is judged by its start. */
const sampleLength = 2_000

/**
 * The language of an inbound text, by script: mostly Arabic letters -> 'ar' (Saudi dialect and
 * Modern Standard Arabic alike), mostly Latin -> 'en'. Null when the text has too few letters to
 * tell. One pass over the character codes, no allocation, because it runs on every inbound message.
 */
export function detectLocale(text: string): ContactLocale | null {
  let arabic = 0
  let latin = 0
  const end = Math.min(text.length, sampleLength)
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) {
      // ASCII letters
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++
    } else if (isArabicLetter(code)) arabic++
    else if (code >= 0xc0 && code <= 0x17f && code !== 0xd7 && code !== 0xf7) latin++
  }
  if (arabic + latin < minimumLetters) return null
  if (arabic >= latin) return arabic >= minimumLetters ? 'ar' : null
  return 'en'
}

/** Letters of the Arabic script blocks (Arabic, Supplement, Extended-A, Presentation Forms A and B); not digits or punctuation. */
function isArabicLetter(code: number): boolean {
  return (
    (code >= 0x0620 && code <= 0x064a) ||
    (code >= 0x066e && code <= 0x06d3) ||
    (code >= 0x06fa && code <= 0x06ff) ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0x08a0 && code <= 0x08ff) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfefc)
  )
}
