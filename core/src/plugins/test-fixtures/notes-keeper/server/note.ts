import { EntitySchema } from '@mikro-orm/core'

export class Note {
  id!: number
  body!: string
  createdAt!: Date
}

export const NoteSchema = new EntitySchema<Note>({
  class: Note,
  tableName: 'notes_keeper_notes',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    body: { type: 'string', length: 500 },
    createdAt: { type: 'datetime' },
  },
})
