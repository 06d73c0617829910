import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '../errors/app-error.ts'

/** The path the kernel serves signed downloads at (no credentials: the signature is the credential). */
export const signedFilePathPrefix = '/api/files/signed/'

/** HMAC-SHA256 links: `<prefix><id>?expires=<unix seconds>&signature=<base64url>`. */
export class UrlSigner {
  constructor(private readonly key: Buffer) {}

  sign(fileId: string, expiresAtSeconds: number): string {
    return `${signedFilePathPrefix}${encodeURIComponent(fileId)}?expires=${expiresAtSeconds}&signature=${this.signature(fileId, expiresAtSeconds)}`
  }

  /** Throws FILE_URL_INVALID (tampered, or signed with another key) or FILE_URL_EXPIRED; both 403. */
  verify(fileId: string, expires: number, signature: string, nowMs: number): void {
    const expected = Buffer.from(this.signature(fileId, expires))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new AppError('FILE_URL_INVALID', 'This download link is not valid: it was changed or not issued by this server. / رابط التنزيل هذا غير صالح: تم تغييره أو لم يصدر من هذا الخادم.', { status: 403, expose: true })
    }
    if (expires * 1000 <= nowMs) {
      throw new AppError('FILE_URL_EXPIRED', 'This download link has expired; ask for a new one. / انتهت صلاحية رابط التنزيل هذا؛ اطلب رابطًا جديدًا.', {
        status: 403,
        expose: true,
        details: { expiredAt: new Date(expires * 1000).toISOString() },
      })
    }
  }

  private signature(fileId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${fileId}\n${expires}`).digest('base64url')
  }
}
