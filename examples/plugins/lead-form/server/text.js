// Reading what a contact writes: digits in any script, Arabic letter forms, trigger words, budgets.

const arabicIndic = /[\u0660-\u0669]/g // ٠-٩
const persian = /[\u06F0-\u06F9]/g // ۰-۹

/** `٣٠٠` and `۳۰۰` read as `300`; the Arabic decimal and thousands separators as `.` and `,`. */
export function westernDigits(text) {
  return text
    .replace(arabicIndic, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(persian, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, ',')
}

/**
 * For comparing words: lower case, Western digits, no diacritics or tatweel, one form of alef,
 * yeh and teh marbuta (people write أبغى, ابغى and ابغي for the same word), punctuation as spaces.
 */
export function normalize(text) {
  return westernDigits(text)
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Whether `text` is one of `phrases` or holds one as whole words. */
export function mentionsAny(text, phrases) {
  const padded = ` ${normalize(text)} `
  return phrases.some((phrase) => {
    const wanted = normalize(phrase)
    return wanted.length > 0 && padded.includes(` ${wanted} `)
  })
}

/** 'ar' when a text has more Arabic than Latin letters, 'en' when the opposite, else null. */
export function detectLocale(text) {
  const arabic = (text.match(/[\u0600-\u06FF]/g) ?? []).length
  const latin = (text.match(/[A-Za-z]/g) ?? []).length
  if (arabic + latin < 2 || arabic === latin) return null
  return arabic > latin ? 'ar' : 'en'
}

const thousands = /^\s*(k|thousand|الف|الاف|آلاف|ألف|الآف)/
const millions = /^\s*(m|mn|million|millions|مليون|ملايين)(?![a-z])/

/** The smallest and largest budgets taken as meant; anything else is asked again. */
export const budgetRange = { min: 1_000, max: 10_000_000_000 }

/**
 * A budget in riyals from what a contact writes: `800000`, `800,000`, `٨٠٠ ألف`, `800k`,
 * `1.5 مليون`, `1.2m`. Null when there is no number, or it is outside `budgetRange` ("300" is
 * taken as a mistake, not 300 riyals).
 */
export function parseBudget(text) {
  const plain = westernDigits(text).toLowerCase().replace(/(\d),(?=\d{3}(\D|$))/g, '$1')
  const found = /\d+(?:\.\d+)?/.exec(plain)
  if (!found) return null
  const after = plain.slice(found.index + found[0].length)
  let value = Number(found[0])
  if (millions.test(after)) value *= 1_000_000
  else if (thousands.test(after)) value *= 1_000
  value = Math.round(value)
  return value >= budgetRange.min && value <= budgetRange.max ? value : null
}

/** A person's name: 2-60 characters, at least two letters, no digits. Null otherwise. */
export function parseName(text) {
  const name = text.replace(/\s+/g, ' ').trim()
  if (name.length < 2 || name.length > 60) return null
  if (/\p{N}/u.test(name)) return null
  if ((name.match(/\p{L}/gu) ?? []).length < 2) return null
  return name
}

/**
 * The district a contact chose: the list reply the kernel mapped, a number of the list, a
 * district's name in either language (with or without "al"/"ال"), or any other place name as free
 * text (`id: null`). Null when the answer names nothing.
 */
export function parseDistrict(message, districts, locale) {
  if (message.listReply) {
    const chosen = districts.find((district) => district.id === message.listReply.rowId)
    if (chosen) return { id: chosen.id, name: chosen[locale] }
  }
  const text = normalize(message.body)
  if (/^\d+$/.test(text)) {
    const chosen = districts[Number(text) - 1]
    return chosen ? { id: chosen.id, name: chosen[locale] } : null
  }
  const bare = (name) => normalize(name).replace(/^(al|el|ال)\s*/, '')
  const named = districts.find((district) => [district.ar, district.en].some((name) => bare(name) === bare(text) || normalize(name) === text))
  if (named) return { id: named.id, name: named[locale] }
  const free = message.body.replace(/\s+/g, ' ').trim()
  if (free.length > 60 || (free.match(/\p{L}/gu) ?? []).length < 2) return null
  return { id: null, name: free }
}
