import type { ParameterizedContext } from 'koa'
import type { Principal } from '../auth/principal.ts'

/** Per-request state every core and plugin route can read. */
export interface WaqtorState {
  requestId: string
  /** Who is calling; set by the auth middleware when credentials are valid. */
  principal?: Principal
}

export type ApiContext = ParameterizedContext<WaqtorState, Record<string, unknown>>
