import coBody from 'co-body'
import type { ApiContext } from '../../http/api-context.ts'
import { mediaTooLarge } from './media-errors.ts'

/**
 * The JSON body of a media send, read here rather than by the global body parser because base64
 * media needs a larger limit than every other route: the file's limit in base64 plus room for the
 * other fields. Malformed JSON is left to the error middleware (400 INVALID_JSON).
 */
export async function readJsonBody(ctx: ApiContext, maxFileBytes: number): Promise<unknown> {
  const limit = Math.ceil(maxFileBytes / 3) * 4 + 512 * 1024
  try {
    return (await coBody.json(ctx.req, { limit, strict: true, encoding: 'utf-8' })) as unknown
  } catch (error) {
    if ((error as { status?: number }).status !== 413) throw error
    // Let the rest of the body arrive and be discarded, so the client reads our answer instead of a reset.
    ctx.req.resume()
    throw mediaTooLarge('body.data', maxFileBytes)
  }
}
