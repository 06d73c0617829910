import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

export interface FileSize {
  /** Path inside dist/, e.g. assets/index-BaQSIvQr.js */
  file: string
  kind: 'js' | 'css' | 'html' | 'font' | 'image' | 'other'
  raw: number
  gzip: number
}

export interface SizeTotals {
  files: number
  raw: number
  gzip: number
}

export interface BuildSize {
  files: FileSize[]
  byKind: Record<FileSize['kind'], SizeTotals>
  /** What index.html names: the entry script, its modulepreloads and stylesheets (before any lazy chunk). */
  entry: SizeTotals & { names: string[] }
}

const kinds: Array<[RegExp, FileSize['kind']]> = [
  [/\.m?js$/, 'js'],
  [/\.css$/, 'css'],
  [/\.html$/, 'html'],
  [/\.(woff2?|ttf|eot|otf)$/, 'font'],
  [/\.(svg|png|jpe?g|gif|webp|ico|avif)$/, 'image'],
]

/** gzip at level 6, what common reverse proxies (nginx, Caddy) use by default. */
export const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: 6 }).length

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else if (!entry.name.startsWith('.')) yield full
  }
}

const emptyTotals = (): SizeTotals => ({ files: 0, raw: 0, gzip: 0 })

export function totalsOf(files: Array<{ raw: number; gzip: number }>): SizeTotals {
  return files.reduce<SizeTotals>((sum, file) => ({ files: sum.files + 1, raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip }), emptyTotals())
}

/** Sizes of every file of the production build (admin-ui/dist), raw and gzipped. */
export async function measureBuild(distDir: string): Promise<BuildSize> {
  const files: FileSize[] = []
  for await (const full of walk(distDir)) {
    const bytes = await readFile(full)
    const file = path.relative(distDir, full).split(path.sep).join('/')
    files.push({ file, kind: kinds.find(([pattern]) => pattern.test(file))?.[1] ?? 'other', raw: (await stat(full)).size, gzip: gzipSize(bytes) })
  }
  files.sort((a, b) => b.raw - a.raw)
  const byKind = Object.fromEntries((['js', 'css', 'html', 'font', 'image', 'other'] as const).map((kind) => [kind, totalsOf(files.filter((file) => file.kind === kind))])) as BuildSize['byKind']

  const html = await readFile(path.join(distDir, 'index.html'), 'utf8')
  const named = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\/([^"]+)"[^>]*>/g)]
    .filter((match) => /<script|rel="(modulepreload|stylesheet)"/.test(match[0]))
    .map((match) => match[1]!)
  const entryFiles = ['index.html', ...named]
  const entry = { ...totalsOf(files.filter((file) => entryFiles.includes(file.file))), names: entryFiles }
  return { files, byKind, entry }
}
