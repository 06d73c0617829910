import { createI18n } from 'vue-i18n'
import { arabicPluralRule } from './arabic-plural.ts'
import { allMessages } from './messages/index.ts'
import type { Locale } from './locales.ts'

const numberFormats = {
  integer: { maximumFractionDigits: 0 },
  decimal: { maximumFractionDigits: 2 },
  percent: { style: 'percent', maximumFractionDigits: 1 },
} as const

const datetimeFormats = {
  short: { dateStyle: 'medium' },
  long: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
  hour: { hour: 'numeric' },
} as const

export function createPanelI18n(locale: Locale) {
  const messages = allMessages()
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    numberFormats: { en: numberFormats, ar: numberFormats },
    datetimeFormats: { en: datetimeFormats, ar: datetimeFormats },
    pluralRules: { ar: arabicPluralRule },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type PanelI18n = ReturnType<typeof createPanelI18n>
