/** A file name fit to show in WhatsApp: no folders, no control characters, at most 255 characters. */
export function cleanFilename(value: string | null | undefined): string | null {
  if (!value) return null
  const base = value.split(/[\\/]/).pop() ?? ''
  const printable = [...base].filter((char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f').join('')
  const cleaned = printable.trim().slice(0, 255)
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : null
}

/** The last segment of a URL's path, decoded, when it looks like a file name. */
export function filenameFromUrl(url: string): string | null {
  const last = new URL(url).pathname.split('/').pop() ?? ''
  let decoded = last
  try {
    decoded = decodeURIComponent(last)
  } catch {
    // A stray "%" in the path: keep it as written.
  }
  return decoded.includes('.') ? cleanFilename(decoded) : null
}
