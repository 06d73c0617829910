import type { Readable } from 'node:stream'

/** What storing a file measured on its way in. */
export interface StoredBytes {
  size: number
  sha256: string
  /** The first bytes (up to 4 KiB), for telling the content's type. */
  head: Buffer
}

/**
 * Where plugin files' bytes live. The kernel ships a local folder (`LocalFileStore`); an object
 * store (S3, GCS, ...) implements the same four calls. Keys look like `<pluginId>/<fileId>`; the
 * metadata (name, type, owner) is kept by the kernel in the `files` table, not by the store.
 */
export interface FileStore {
  /**
   * Writes `data` under `key`, measuring size and SHA-256 as it streams. Past `maxBytes` it stops,
   * removes what it wrote and rejects with `FILE_TOO_LARGE`. Nothing is visible under `key` until
   * the whole file is written.
   */
  put(key: string, data: Readable, options: { maxBytes: number }): Promise<StoredBytes>
  /** The bytes, or null when there is no such key. */
  get(key: string): Promise<Readable | null>
  /** Removes the key; false when it was not there. */
  delete(key: string): Promise<boolean>
  stat(key: string): Promise<{ size: number } | null>
}
