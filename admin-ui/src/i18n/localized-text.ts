import { useI18n } from 'vue-i18n'
import type { LocalizedText } from '../modules/admin-module.ts'

/** Text of a LocalizedText in a language: a message key through `t`, or the object's own text. */
export function resolveLocalizedText(text: LocalizedText, locale: string, t: (key: string) => string): string {
  if (typeof text === 'string') return t(text)
  return (locale === 'ar' ? text.ar : undefined) ?? text.en
}

export function useLocalizedText(): (text: LocalizedText) => string {
  const { t, locale } = useI18n()
  return (text) => resolveLocalizedText(text, locale.value, t)
}
