export const supportedLocales = ['en', 'ar'] as const
export type Locale = (typeof supportedLocales)[number]

export const localeStorageKey = 'waqtor.locale'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value)
}

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr'
}

/** `?lang=` in the address first, then the remembered choice, then the browser's languages. */
export function initialLocale(search: string, stored: string | null, browserLanguages: readonly string[]): Locale {
  const fromUrl = new URLSearchParams(search).get('lang')
  if (isLocale(fromUrl)) return fromUrl
  if (isLocale(stored)) return stored
  for (const language of browserLanguages) {
    const base = language.toLowerCase().split('-')[0]
    if (isLocale(base)) return base
  }
  return 'en'
}
