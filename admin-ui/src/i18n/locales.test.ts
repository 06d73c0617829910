import { describe, expect, it } from 'vitest'
import { directionOf, initialLocale } from './locales.ts'

describe('initialLocale', () => {
  it('takes ?lang= from the address over a remembered choice', () => {
    expect(initialLocale('?lang=ar', 'en', ['en-US'])).toBe('ar')
    expect(initialLocale('?lang=en', 'ar', ['ar'])).toBe('en')
  })

  it('falls back to the remembered choice, then the browser, then English', () => {
    expect(initialLocale('', 'ar', ['en-US'])).toBe('ar')
    expect(initialLocale('?lang=fr', null, ['fr-FR', 'ar-SA'])).toBe('ar')
    expect(initialLocale('', null, ['de-DE'])).toBe('en')
  })

  it('lays Arabic out right to left', () => {
    expect(directionOf('ar')).toBe('rtl')
    expect(directionOf('en')).toBe('ltr')
  })
})
