import type { ApiKey } from '../../api/types.ts'

/** POST /api/keys answers the key's record and, this once, its secret. */
export type CreatedApiKey = ApiKey & { key: string }
