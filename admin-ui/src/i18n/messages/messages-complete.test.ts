import { describe, expect, it } from 'vitest'
import { flattenKeys } from '../message-tree.ts'
import { featureMessages } from './index.ts'

describe('panel messages', () => {
  it.each(Object.entries(featureMessages))('%s has every string in English and Arabic', (_file, messages) => {
    const english = flattenKeys(messages.en).sort()
    const arabic = flattenKeys(messages.ar).sort()
    expect(arabic).toEqual(english)
  })

  it('Arabic strings are written in Arabic, not left in English', () => {
    const untranslated = Object.entries(featureMessages).flatMap(([file, messages]) => {
      const english = new Map(flattenKeys(messages.en).map((key) => [key, lookup(messages.en, key)]))
      return flattenKeys(messages.ar)
        .filter((key) => {
          const text = lookup(messages.ar, key)
          return /[a-z]{3}/i.test(text) && !/[\u0600-\u06FF]/.test(text) && text === english.get(key)
        })
        .map((key) => `${file}: ${key}`)
    })
    expect(untranslated).toEqual([])
  })
})

function lookup(tree: Record<string, unknown>, key: string): string {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string
}
