import { describe, expect, it } from 'vitest'
import { cleanFilename, filenameFromUrl } from './media-filename.ts'
import { mediaKindFor } from './media-kind.ts'
import { informativeMimetype, normalizeMimetype } from './mime-type.ts'

describe('MIME types', () => {
  it('normalizes case and keeps parameters', () => {
    expect(normalizeMimetype(' Image/PNG ')).toBe('image/png')
    expect(normalizeMimetype('audio/ogg;codecs=opus')).toBe('audio/ogg; codecs=opus')
    expect(normalizeMimetype('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  })

  it.each(['pdf', 'image/', '/png', 'a/b/c', 'image/png; bad param', 'text/plain; charset="x\ny"', ''])('refuses %j', (value) => {
    expect(normalizeMimetype(value)).toBeNull()
  })

  it('does not believe a generic declared type', () => {
    expect(informativeMimetype('application/octet-stream')).toBeNull()
    expect(informativeMimetype('Binary/Octet-Stream')).toBeNull()
    expect(informativeMimetype('image/jpeg')).toBe('image/jpeg')
  })

  it('picks the kind from the family, or checks the one asked for', () => {
    expect(mediaKindFor('video/mp4', undefined)).toBe('video')
    expect(mediaKindFor('audio/mpeg', undefined)).toBe('audio')
    expect(mediaKindFor('text/csv', undefined)).toBe('document')
    expect(mediaKindFor('audio/ogg; codecs=opus', 'voice')).toBe('voice')
    expect(mediaKindFor('image/png', 'document')).toBe('document')
    expect(() => mediaKindFor('audio/mpeg', 'video')).toThrow(/video needs a video\/\* file/)
  })
})

describe('file names', () => {
  it('keeps only the base name, printable, at most 255 characters', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd')
    expect(cleanFilename('C:\\Users\\a\\report.pdf')).toBe('report.pdf')
    expect(cleanFilename('bad\u0000name\r\n.txt')).toBe('badname.txt')
    expect(cleanFilename(`${'x'.repeat(300)}.pdf`)).toHaveLength(255)
    expect(cleanFilename('..')).toBeNull()
    expect(cleanFilename('   ')).toBeNull()
  })

  it('takes a file name from a URL path when it has an extension', () => {
    expect(filenameFromUrl('https://cdn.example.com/a/%D8%B5%D9%88%D8%B1%D8%A9.jpg?size=large')).toBe('صورة.jpg')
    expect(filenameFromUrl('https://cdn.example.com/download?id=4')).toBeNull()
    expect(filenameFromUrl('https://cdn.example.com/100%.png')).toBe('100%.png')
  })
})
