import { ServerResponse, type IncomingMessage } from 'node:http'
import Cookies from 'cookies'
import { tokenCookie } from '../auth/credentials.ts'

/**
 * The admin panel's login token from the handshake's `Cookie` header (the httpOnly cookie
 * `POST /api/auth/login` sets), read with the library Koa reads it with over HTTP, so both paths
 * parse the header the same way. Only reading: the response is never written to.
 */
export function loginTokenFromCookie(request: IncomingMessage): string | undefined {
  const value = new Cookies(request, new ServerResponse(request)).get(tokenCookie)?.trim()
  return value || undefined
}
