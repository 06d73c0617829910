import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createWriteStream } from 'node:fs'
import { fileTooLarge } from './file-errors.ts'
import type { FileStore, StoredBytes } from './file-store.ts'

const keyPattern = /^[a-z][a-z0-9-]{0,63}\/[A-Za-z0-9_-]{1,100}$/
const headBytes = 4_100

/** Plugin files in a local folder (`<dataDir>/files`), one file per key: `<pluginId>/<fileId>`. */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  async put(key: string, data: Readable, { maxBytes }: { maxBytes: number }): Promise<StoredBytes> {
    const target = this.pathOf(key)
    await mkdir(path.dirname(target), { recursive: true })
    // Written beside the target and renamed at the end: a reader never sees half a file.
    const partial = `${target}.${randomBytes(6).toString('hex')}.part`
    const meter = new ByteMeter(maxBytes)
    try {
      await pipeline(data, meter, createWriteStream(partial, { flags: 'wx', mode: 0o600 }))
      await rename(partial, target)
    } catch (error) {
      await rm(partial, { force: true })
      throw error
    }
    return { size: meter.size, sha256: meter.hash.digest('hex'), head: Buffer.concat(meter.head) }
  }

  async get(key: string): Promise<Readable | null> {
    const file = this.pathOf(key)
    if (!(await this.stat(key))) return null
    return createReadStream(file)
  }

  async delete(key: string): Promise<boolean> {
    const existed = (await this.stat(key)) !== null
    await rm(this.pathOf(key), { force: true })
    return existed
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const info = await stat(this.pathOf(key))
      return info.isFile() ? { size: info.size } : null
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  private pathOf(key: string): string {
    // Keys come from the kernel, never from callers; checked anyway so no key can leave the folder.
    if (!keyPattern.test(key)) throw new Error(`invalid file store key: ${key}`)
    return path.join(this.root, ...key.split('/'))
  }
}

/** Counts, hashes and keeps the head of what passes; fails past the limit. */
class ByteMeter extends Transform {
  size = 0
  readonly hash = createHash('sha256')
  readonly head: Buffer[] = []
  private headSize = 0

  constructor(private readonly maxBytes: number) {
    super()
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    this.size += bytes.length
    if (this.size > this.maxBytes) {
      callback(fileTooLarge(this.maxBytes))
      return
    }
    this.hash.update(bytes)
    if (this.headSize < headBytes) {
      const part = bytes.subarray(0, headBytes - this.headSize)
      this.head.push(part)
      this.headSize += part.length
    }
    callback(null, bytes)
  }
}
