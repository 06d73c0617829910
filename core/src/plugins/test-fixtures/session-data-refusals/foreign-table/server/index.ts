import { definePlugin } from '../../../../define-plugin.ts'

export default definePlugin({
  sessionData: [
    { table: 'foreign_table_rows', column: 'session_id', onSessionDeleted: 'delete' },
    { table: 'messages', column: 'session_id', onSessionDeleted: 'delete' },
  ],
  register() {},
})
