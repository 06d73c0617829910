import type { MessageView } from '../../message-view.ts'
import type { TestKernel, TestResponse } from '../../../testing/create-test-kernel.ts'

/** A 1×1 PNG: small, and recognisable by its signature. */
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

export interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> | null }
}

export interface UploadFile {
  bytes: Buffer
  /** The part's Content-Type; absent: the client sends application/octet-stream. */
  type?: string
  name: string
  field?: string
}

/** POST /api/messages/send-media as multipart/form-data, the way a browser or curl -F sends it. */
export async function sendMultipart<T = MessageView>(
  harness: TestKernel,
  clientId: string,
  fields: Record<string, string>,
  file: UploadFile | undefined,
  auth: { token?: string; apiKey?: string; headers?: Record<string, string> } = {},
): Promise<TestResponse<T>> {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  if (file) form.append(file.field ?? 'file', new Blob([new Uint8Array(file.bytes)], file.type ? { type: file.type } : {}), file.name)
  const headers: Record<string, string> = { ...auth.headers }
  if (auth.apiKey) headers['x-api-key'] = auth.apiKey
  else headers.authorization = `Bearer ${auth.token ?? harness.admin.token}`
  const response = await fetch(`${harness.url}/api/messages/send-media?clientId=${clientId}`, { method: 'POST', headers, body: form })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T }
}

/** The fields named by a 4xx error's details. */
export function fieldsOf(response: TestResponse<unknown>): string[] {
  return ((response.body as ErrorBody).error.details ?? []).map((detail) => detail.field)
}
