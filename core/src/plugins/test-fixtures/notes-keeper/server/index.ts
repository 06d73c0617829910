import { z } from 'zod'
import { definePlugin } from '../../../define-plugin.ts'
import { createNotesTable } from './create-notes-table.ts'
import { Note, NoteSchema } from './note.ts'

const noteView = z.object({ id: z.number().int(), body: z.string(), createdAt: z.string() })
const view = (note: Note) => ({ id: note.id, body: note.body, createdAt: note.createdAt.toISOString() })

export default definePlugin({
  entities: [NoteSchema],
  migrations: [createNotesTable],
  register(plugin) {
    plugin.api.route({
      method: 'post',
      path: '/notes',
      summary: 'Keep a note',
      tags: ['notes-keeper'],
      body: z.object({ body: z.string().min(1).max(500) }).strict(),
      status: 201,
      response: noteView,
      async handler(_ctx, { body }) {
        const note = plugin.db.em.create(Note, { body: body.body, createdAt: new Date() })
        await plugin.db.em.flush()
        return view(note)
      },
    })
    plugin.api.route({
      method: 'get',
      path: '/notes',
      summary: 'Every note, oldest first',
      tags: ['notes-keeper'],
      response: z.object({ items: z.array(noteView) }),
      async handler() {
        const notes = await plugin.db.em.find(Note, {}, { orderBy: { id: 'asc' } })
        return { items: notes.map(view) }
      },
    })
  },
})
