import { describe, expect, it } from 'vitest'
import { listContentSchema } from './list-content.ts'
import { detectLocale, renderListText } from './list-text.ts'
import { asciiDigits, chosenRow } from './reply-choice.ts'

const menu = listContentSchema.parse({
  title: 'Menu',
  body: 'What would you like?',
  sections: [
    { title: 'Drinks', rows: [{ id: 'tea', title: 'Tea', description: 'Mint or black' }, { id: 'coffee', title: 'Coffee' }] },
    { rows: [{ id: 'cake', title: 'Date cake' }] },
  ],
})

describe('list messages as numbered text', () => {
  it('numbers the options across sections and ends with the hint in English', () => {
    const { text, locale, rows } = renderListText(menu)
    expect(locale).toBe('en')
    expect(text).toBe('*Menu*\n\nWhat would you like?\n\n*Drinks*\n1. Tea — Mint or black\n2. Coffee\n\n3. Date cake\n\n_Reply with the number of your choice._')
    expect(rows).toEqual([{ number: 1, id: 'tea', title: 'Tea' }, { number: 2, id: 'coffee', title: 'Coffee' }, { number: 3, id: 'cake', title: 'Date cake' }])
  })

  it('writes the hint in Arabic for an Arabic body, or as the locale asks', () => {
    const arabic = renderListText(listContentSchema.parse({ body: 'اختر القسم المناسب (VIP)', sections: [{ rows: [{ id: 'sales', title: 'المبيعات' }] }] }))
    expect(arabic.locale).toBe('ar')
    expect(arabic.text.endsWith('_للاختيار، أرسل رقم الخيار._')).toBe(true)
    expect(renderListText({ ...menu, locale: 'ar' }).locale).toBe('ar')
    expect(detectLocale('Hello مرحبا there')).toBe('en')
    expect(detectLocale('مرحبا بك في المتجر')).toBe('ar')
  })
})

describe('reading the chosen option from a reply', () => {
  const { rows } = renderListText(menu)

  it('takes the number in Western, Arabic-Indic or Persian digits', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789')
    expect(chosenRow('2', rows)?.id).toBe('coffee')
    expect(chosenRow(' ٣ ', rows)?.id).toBe('cake')
    expect(chosenRow('۱', rows)?.id).toBe('tea')
    expect(chosenRow('2.', rows)?.id).toBe('coffee')
  })

  it('takes the exact title, case and spacing aside', () => {
    expect(chosenRow('date  CAKE', rows)?.id).toBe('cake')
  })

  it('chooses nothing for other replies', () => {
    expect(chosenRow('4', rows)).toBeNull()
    expect(chosenRow('0', rows)).toBeNull()
    expect(chosenRow('I want 2 teas', rows)).toBeNull()
    expect(chosenRow('Tea please', rows)).toBeNull()
  })
})
