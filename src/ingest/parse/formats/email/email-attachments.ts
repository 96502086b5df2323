import type { Attachment } from 'mailparser'
import type { ParsedPart } from '../../parsed-document.ts'
import { safeFilename } from './safe-filename.ts'
import { isUuencoded, uudecode } from './uudecode.ts'

const SIGNATURE_TYPES = new Set([
  'application/pgp-signature',
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
])
// Alternative renderings of the body, not attachments: indexing them would
// duplicate the message (Google's invite also attaches the same data as invite.ics).
const ALTERNATIVE_BODY_TYPES = new Set(['text/calendar', 'text/watch-html', 'text/x-amp-html', 'text/enriched'])

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': '.eml',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/msword': '.doc',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/markdown': '.md',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'application/ms-tnef': '.dat',
  'application/x-gzip': '.gz',
  'application/gzip': '.gz',
  'application/zip': '.zip',
}

/**
 * The attachments worth handing to ingest as documents of their own. Kept even
 * when DocuQuery cannot read them, so that ingest can say why; skipped when they
 * are not content: signatures, inline images the HTML shows, body alternatives.
 */
export function contentAttachments(attachments: readonly Attachment[], html: string): ParsedPart[] {
  const parts: ParsedPart[] = []
  for (const [index, attachment] of attachments.entries()) {
    const mimeType = attachment.contentType.toLowerCase()
    if (SIGNATURE_TYPES.has(mimeType)) continue
    if (ALTERNATIVE_BODY_TYPES.has(mimeType) && !attachment.filename) continue
    if (attachment.cid && html.includes(`cid:${attachment.cid}`)) continue
    parts.push({
      filename: partFilename(attachment.filename ?? embeddedSubject(attachment), mimeType, index + 1),
      mimeType,
      // A copy, so the part does not keep mailparser's whole buffer alive.
      bytes: isUuencoded(attachment.content) ? uudecode(attachment.content) : new Uint8Array(attachment.content),
    })
  }
  return parts
}

/** An attached message without a file name is named after its subject, as mail clients do. */
function embeddedSubject(attachment: Attachment): string | undefined {
  if (attachment.contentType.toLowerCase() !== 'message/rfc822') return undefined
  const head = attachment.content.subarray(0, 16 * 1024).toString('latin1').split(/\r?\n\r?\n/)[0] ?? ''
  const subject = /^Subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1]
  // Encoded words would need decoding; a generic name is better than a garbled one.
  if (!subject || subject.includes('=?') || /[^\x20-\x7e\r\n\t]/.test(subject)) return undefined
  return safeFilename(subject)
}

function partFilename(filename: string | undefined, mimeType: string, ordinal: number): string {
  const extension = EXTENSIONS[mimeType] ?? '.bin'
  const name = filename?.trim()
  if (!name) return `attachment-${ordinal}${extension}`
  if (mimeType === 'message/rfc822' && !/\.eml$/i.test(name)) return `${name}.eml`
  return name
}
