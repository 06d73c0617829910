import { describe, expect, it } from 'vitest'
import { detectLocale } from './detect-locale.ts'

describe('detectLocale', () => {
  it('tells Arabic (Saudi dialect and MSA) from Latin script', () => {
    expect(detectLocale('السلام عليكم، ابي اعرف كم سعر الشقة؟')).toBe('ar')
    expect(detectLocale('وش الأخبار يا شباب')).toBe('ar')
    expect(detectLocale('ﻣﺮﺣﺒﺎ')).toBe('ar') // presentation forms
    expect(detectLocale('Hello, how much is the flat?')).toBe('en')
    expect(detectLocale('Ça coûte combien ?')).toBe('en')
  })

  it('follows the majority script in a mixed message', () => {
    expect(detectLocale('ابي flat في الرياض حي النرجس')).toBe('ar')
    expect(detectLocale('I want the villa in حي')).toBe('en')
  })

  it('says nothing about texts without enough letters', () => {
    expect(detectLocale('')).toBeNull()
    expect(detectLocale('👍')).toBeNull()
    expect(detectLocale('12345 ١٢٣')).toBeNull()
    expect(detectLocale('k')).toBeNull()
    expect(detectLocale('؟!')).toBeNull()
  })
})
