import { ApiError, NetworkError } from './api-error.ts'

export type QueryValue = string | number | boolean | null | undefined
export interface RequestOptions {
  query?: Record<string, QueryValue>
  /** JSON body, or a FormData sent as multipart. */
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

type UnauthorizedListener = (path: string) => void
const unauthorizedListeners = new Set<UnauthorizedListener>()

/** Called when an authenticated request answers 401: the login expired or was revoked. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener)
  return () => unauthorizedListeners.delete(listener)
}

/** Tells the listeners the login is no longer valid (also used when the realtime handshake is refused). */
export function notifyUnauthorized(path: string): void {
  for (const listener of unauthorizedListeners) listener(path)
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = path.startsWith('/') ? path : `/api/${path}`
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `${url}?${text}` : url
}

/**
 * Calls the WaQtor API with the login cookie. Paths without a leading slash are under /api.
 * Answers the parsed JSON body (undefined for 204), throws ApiError for error answers.
 */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError') throw error
    throw new NetworkError(error)
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  const parsed: unknown = text ? safeJson(text) : undefined
  if (response.ok) return parsed as T
  const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error
  const apiError = new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.details)
  if (response.status === 401 && !path.includes('auth/login')) notifyUnauthorized(path)
  throw apiError
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return { error: { code: 'BAD_RESPONSE', message: text.slice(0, 200) } }
  }
}

/** The client plugin modules and pages use: `api.get('sessions/list')`, `api.post('plugins/x/y', body)`. */
export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => apiRequest<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => apiRequest<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => apiRequest<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options: RequestOptions = {}) => apiRequest<T>('DELETE', path, options),
}

export type ApiClient = typeof api
