import { describe, expect, it } from 'vitest'
import type { LegalBlock } from './legal-document-types.ts'
import { defaultLegalDocuments } from './legal-documents.ts'

/** The shape of a block without its words: a translation must keep paragraphs, lists and tables as they are. */
function shape(block: LegalBlock): string {
  if (typeof block === 'string') return 'p'
  if ('list' in block) return `list(${block.list.length})`
  return `table(${block.table.head.length}x${block.table.rows.length})`
}

function texts(block: LegalBlock): string[] {
  if (typeof block === 'string') return [block]
  if ('list' in block) return block.list
  return [...block.table.head, ...block.table.rows.flatMap((row) => row.slice(1))]
}

describe.each(Object.entries(defaultLegalDocuments))('legal document "%s"', (_kind, localized) => {
  it('has the same sections, in the same order and shape, in English and Arabic', () => {
    const outline = (locale: 'en' | 'ar') => localized[locale].sections.map((section) => `${section.id}: ${section.body.map(shape).join(' ')}`)
    expect(outline('ar')).toEqual(outline('en'))
    expect(localized.ar.effectiveDate).toBe(localized.en.effectiveDate)
    expect(localized.en.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('is complete: every section has a heading and text', () => {
    for (const locale of ['en', 'ar'] as const) {
      const content = localized[locale]
      expect(content.title.length).toBeGreaterThan(0)
      expect(content.sections.length).toBeGreaterThanOrEqual(10)
      for (const section of content.sections) {
        expect(section.heading.length, section.id).toBeGreaterThan(0)
        expect(section.body.length, section.id).toBeGreaterThan(0)
      }
    }
  })

  it('is written in Arabic in the Arabic version', () => {
    const arabic = localized.ar
    const all = [arabic.title, arabic.summary, ...arabic.sections.flatMap((section) => [section.heading, ...section.body.flatMap(texts)])]
    expect(all.filter((text) => !/[\u0600-\u06FF]/.test(text))).toEqual([])
  })
})
