import type { ApiContext } from '../http/api-context.ts'
import { apiKeyPrefix } from './auth-service.ts'

export const tokenCookie = 'waqtor_token'

export type Credential = { kind: 'token'; value: string } | { kind: 'api-key'; value: string }

/**
 * Credentials in order of precedence: `X-Api-Key`, `Authorization: Bearer` (a login token or an
 * API key, so tools that only speak bearer auth, such as Prometheus, can use keys), the panel's cookie.
 */
export function readCredential(ctx: ApiContext): Credential | undefined {
  const apiKey = ctx.get('x-api-key').trim()
  if (apiKey) return { kind: 'api-key', value: apiKey }
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization').trim())
  if (match?.[1]) return { kind: match[1].startsWith(apiKeyPrefix) ? 'api-key' : 'token', value: match[1] }
  const cookie = ctx.cookies.get(tokenCookie)
  if (cookie) return { kind: 'token', value: cookie }
  return undefined
}
