import { useI18n } from 'vue-i18n'
import type { LocalizedMessages } from './message-tree.ts'

/** The order Arabic plural messages list their six forms in: `zero | one | two | few | many | other`. */
const arabicForms: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other']
const arabicRules = new Intl.PluralRules('ar')

type PluralRule = (choice: number, choicesLength: number, orgRule?: PluralRule) => number

/**
 * vue-i18n's default rule knows only English's "zero | one | many". Arabic has six forms (CLDR):
 * 0, 1, 2, 3–10, 11–99 and 100+, so a six-form Arabic message picks its form from Intl.PluralRules.
 */
export const arabicPluralRule: PluralRule = (choice, choicesLength, orgRule) => {
  if (choicesLength !== arabicForms.length) return orgRule ? orgRule(choice, choicesLength) : Math.min(Math.abs(choice), choicesLength - 1)
  return arabicForms.indexOf(arabicRules.select(Math.abs(choice)))
}

/**
 * A vue-i18n composer for counted messages (`t(key, { n }, count)`) with Arabic's plural rule. The
 * panel-wide i18n is created without it, so the feature's own messages are given to a local scope
 * that carries the rule; every other key still falls back to the panel's messages.
 */
export function usePluralI18n(messages: LocalizedMessages) {
  return useI18n({ useScope: 'local', messages: { en: messages.en, ar: messages.ar }, pluralRules: { ar: arabicPluralRule } })
}
