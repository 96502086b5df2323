import iconv from 'iconv-lite'

/**
 * Repairs that mailparser does not make, applied to the raw message before parsing.
 *
 * - Raw 8-bit Latin-1 in headers (Outlook 2000, Eudora) would come out as U+FFFD:
 *   a header block that is not valid UTF-8 is re-encoded from Windows-1252, and
 *   raw bytes inside Q encoded words are escaped as the encoding requires.
 * - A boundary line followed by spaces ("--foo ") is legal (RFC 2046 transport
 *   padding) but mailparser misses it and loses every part (multipart/digest).
 * - In a multipart/digest a part without Content-Type is a message/rfc822
 *   (RFC 2046 5.1.5); mailparser reads it as text, so the type is written in.
 * - A message/rfc822 part without Content-Disposition is inlined into the body by
 *   mailparser, headers and all; marked as an attachment it becomes a part that is
 *   indexed as its own message.
 */
export function fixRawMessage(bytes: Uint8Array): Buffer {
  const original = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerEnd = findHeaderEnd(original)
  const header = original.subarray(0, headerEnd)
  const raw = (isValidUtf8(header) ? original : Buffer.concat([fixHeaderBytes(header), original.subarray(headerEnd)])).toString('latin1')
  const unpadded = raw.replace(/^(--\S[^\r\n]*?)[ \t]+(\r?)$/gm, '$1$2')
  const fixed = markEmbeddedMessagesAsAttachments(typeDigestParts(unpadded))
  return Buffer.from(fixed, 'latin1')
}

function fixHeaderBytes(header: Buffer): Buffer {
  const escapedWords = header
    .toString('latin1')
    .replace(/=\?[^?\s]+\?[Qq]\?[^?\s]*\?=/g, (word) =>
      word.replace(/[\x80-\xff]/g, (ch) => `=${ch.charCodeAt(0).toString(16).toUpperCase()}`),
    )
  return Buffer.from(iconv.decode(Buffer.from(escapedWords, 'latin1'), 'windows-1252'), 'utf8')
}

const DIGEST_CONTENT_TYPE = /^Content-Type:[ \t]*multipart\/digest\b[^\n]*(?:\n[ \t][^\n]*)*/gim

function typeDigestParts(raw: string): string {
  const boundaries = new Set<string>()
  for (const match of raw.matchAll(DIGEST_CONTENT_TYPE)) {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(match[0])?.[1]
    if (boundary) boundaries.add(`--${boundary.trim()}`)
  }
  if (boundaries.size === 0) return raw
  const lines = raw.split('\n')
  return lines
    .flatMap((line, index) => {
      if (!boundaries.has(line.replace(/\r$/, ''))) return [line]
      let end = index + 1
      while (end < lines.length && (lines[end] ?? '').trim() !== '') end++
      const typed = lines.slice(index + 1, end).some((header) => /^Content-Type:/i.test(header))
      return typed ? [line] : [line, `Content-Type: message/rfc822${line.endsWith('\r') ? '\r' : ''}`]
    })
    .join('\n')
}

const RFC822_CONTENT_TYPE = /^Content-Type:[ \t]*message\/rfc822\b/i
const HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/
const CONTINUATION = /^[ \t]+\S/
const DISPOSITION = /^Content-Disposition:[ \t]*[\w-]+/i

function markEmbeddedMessagesAsAttachments(raw: string): string {
  if (!/message\/rfc822/i.test(raw)) return raw
  const lines = raw.split('\n')
  const replaced = new Map<number, string>()
  const insertedAfter = new Map<number, string>()
  lines.forEach((line, index) => {
    if (!RFC822_CONTENT_TYPE.test(line)) return
    const block = headerBlockAround(lines, index)
    if (!block) return
    const disposition = block.find((at) => DISPOSITION.test(lines[at] ?? ''))
    if (disposition !== undefined) {
      replaced.set(disposition, (lines[disposition] ?? '').replace(DISPOSITION, 'Content-Disposition: attachment'))
    } else {
      insertedAfter.set(block.at(-1) ?? index, `Content-Disposition: attachment${line.endsWith('\r') ? '\r' : ''}`)
    }
  })
  return lines
    .flatMap((line, index) => {
      const current = replaced.get(index) ?? line
      const extra = insertedAfter.get(index)
      return extra === undefined ? [current] : [current, extra]
    })
    .join('\n')
}

/**
 * The line indexes of the MIME header block around line `at`, or null when the
 * line sits in body text: a real header block is bounded by a boundary line,
 * a blank line or the start of the message above, and by a blank line below.
 */
function headerBlockAround(lines: readonly string[], at: number): number[] | null {
  const isHeader = (line: string): boolean => HEADER_FIELD.test(line) || CONTINUATION.test(line)
  const isBlank = (line: string): boolean => line.trim() === ''
  let start = at
  while (start > 0 && isHeader(lines[start - 1] ?? '')) start--
  const above = start === 0 ? null : (lines[start - 1] ?? '')
  if (above !== null && !isBlank(above) && !above.startsWith('--')) return null
  let end = at + 1
  while (end < lines.length && isHeader(lines[end] ?? '')) end++
  if (end < lines.length && !isBlank(lines[end] ?? '')) return null
  return Array.from({ length: end - start }, (_, k) => start + k)
}

function findHeaderEnd(buffer: Buffer): number {
  const crlf = buffer.indexOf('\r\n\r\n')
  const lf = buffer.indexOf('\n\n')
  const ends = [crlf, lf].filter((index) => index >= 0)
  return ends.length === 0 ? buffer.length : Math.min(...ends)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes)
    return true
  } catch {
    return false
  }
}
