import { describe, expect, it } from 'vitest'
import { arabicPluralRule } from './arabic-plural.ts'

describe('arabicPluralRule', () => {
  it('picks the Arabic form of zero, one, two, few (3–10), many (11–99) and other (100+)', () => {
    const forms = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111].map((count) => arabicPluralRule(count, 6))
    expect(forms).toEqual([0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4])
  })

  it('leaves messages without six forms to the default rule', () => {
    expect(arabicPluralRule(5, 3, (choice, length) => Math.min(choice, length - 1))).toBe(2)
  })
})
