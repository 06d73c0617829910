import { definePlugin } from '../../../../define-plugin.ts'

export default definePlugin({
  sessionData: [{ table: 'missing_table_rows', column: 'session_id', onSessionDeleted: 'delete' }],
  register() {},
})
