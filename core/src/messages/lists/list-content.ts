import { z } from 'zod'

/** At most 10 options in all, as in WhatsApp's own list messages (so a driver that sends real lists can take the same input). */
export const maxListRows = 10

const listRow = z
  .object({
    id: z.string().trim().min(1).max(200).describe('Yours: reported back in listReply.rowId'),
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(200).optional(),
  })
  .strict()

export const listContentSchema = z
  .object({
    title: z.string().trim().max(60).optional(),
    body: z.string().trim().min(1).max(4096),
    buttonText: z.string().trim().max(20).optional().describe('Label of the button that opens the list where lists are shown natively'),
    sections: z
      .array(z.object({ title: z.string().trim().max(60).optional(), rows: z.array(listRow).min(1) }).strict())
      .min(1)
      .max(maxListRows),
    locale: z.enum(['ar', 'en']).optional().describe('Language of the "reply with a number" hint; by default the script of the body'),
  })
  .strict()
  .superRefine((list, issues) => {
    const rows = list.sections.flatMap((section, sectionIndex) => section.rows.map((row, rowIndex) => ({ row, path: ['sections', sectionIndex, 'rows', rowIndex] })))
    if (rows.length > maxListRows) issues.addIssue({ code: 'custom', path: ['sections'], message: `must hold at most ${maxListRows} rows in all (got ${rows.length})` })
    const ids = new Set<string>()
    const titles = new Set<string>()
    for (const { row, path } of rows) {
      if (ids.has(row.id)) issues.addIssue({ code: 'custom', path: [...path, 'id'], message: `"${row.id}" is used by another row` })
      const title = comparableTitle(row.title)
      if (titles.has(title)) issues.addIssue({ code: 'custom', path: [...path, 'title'], message: `"${row.title}" is the title of another row: a reply by title must name one option` })
      ids.add(row.id)
      titles.add(title)
    }
  })

export type ListContent = z.infer<typeof listContentSchema>

/** How a reply is compared with option titles: Unicode-normalized, case and surrounding space ignored. */
export function comparableTitle(title: string): string {
  return title.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase()
}
