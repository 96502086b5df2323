import type { DocumentView } from '../../src/index.ts'

/** Attachment types that carry no text to index: pictures, media, calendar data, Outlook's TNEF wrapper. */
const NOT_DOCUMENT_TYPES = [/^image\//, /^video\//, /^audio\//, /^text\/calendar$/, /^application\/(ics|ms-tnef|vnd\.ms-tnef)$/]
const NOT_DOCUMENT_NAMES = [/\.(png|gif|jpe?g|bmp|tiff?|webp|heic|svg|ico|ics|vcs|mp3|mp4|wav|mov)$/i, /^winmail\.dat$/i]

/**
 * An e-mail's logo, invite or winmail.dat is not a document someone shared, and
 * refusing it is not a failure: ingest reports it as `skipped`, with the reason,
 * and it does not make the exit code 1 (as Slack ignores shared images).
 */
export function isSkippedAttachment(doc: Pick<DocumentView, 'parentId' | 'status' | 'error' | 'mimeType' | 'title'>): boolean {
  if (!doc.parentId || doc.status !== 'failed' || doc.error?.code !== 'unsupported_type') return false
  const mime = (doc.mimeType ?? '').toLowerCase().split(';')[0]?.trim() ?? ''
  return NOT_DOCUMENT_TYPES.some((pattern) => pattern.test(mime)) || NOT_DOCUMENT_NAMES.some((pattern) => pattern.test(doc.title))
}
