import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The key of signed download links: the operator's `filesSigningSecret`, or a random key kept in
 * `<filesDir>/.signing-key` so links survive restarts (a cluster must set the secret instead).
 */
export async function resolveSigningKey(secret: string | undefined, filesDir: string): Promise<Buffer> {
  if (secret) return Buffer.from(secret, 'utf8')
  const file = path.join(filesDir, '.signing-key')
  await mkdir(filesDir, { recursive: true })
  try {
    await writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')
  if (key.length < 16) throw new Error(`${file} holds no usable signing key: delete it to make a new one, or set WAQTOR_FILES_SIGNING_SECRET`)
  return key
}
