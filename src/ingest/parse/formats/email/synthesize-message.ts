import { safeFilename } from './safe-filename.ts'
import type { ForwardedBlock } from './forwarded-block.ts'

/**
 * Builds an RFC 822 message from an inline forwarded block, so that it parses as
 * an e-mail document of its own (with its sender, date and subject).
 */
export function synthesizeMessage(block: ForwardedBlock): Uint8Array {
  const { from, to, cc, date, subject } = block.headers
  const lines: string[] = []
  if (from) lines.push(`From: ${encodeAddressHeader(from)}`)
  if (to) lines.push(`To: ${encodeAddressHeader(to)}`)
  if (cc) lines.push(`Cc: ${encodeAddressHeader(cc)}`)
  if (date) lines.push(`Date: ${toRfc822Date(date)}`)
  if (subject) lines.push(`Subject: ${encodeWord(subject)}`)
  lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit')
  const body = block.body.replace(/\r?\n/g, '\r\n')
  return new Uint8Array(Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'utf8'))
}

/** A file name for the forwarded message, from its subject. */
export function forwardedFilename(block: ForwardedBlock): string {
  return `${safeFilename(block.headers.subject ?? '') ?? 'forwarded message'}.eml`
}

/** Clients print dates for people ("May 8, 2005 1:17 PM", "Mon, Jan 5, 2015 at 10:00 AM"). */
function toRfc822Date(value: string): string {
  const parsed = new Date(value.replace(/\s+at\s+/i, ' '))
  return Number.isNaN(parsed.getTime()) ? value : parsed.toUTCString()
}

function encodeAddressHeader(value: string): string {
  if (isAscii(value)) return value
  const match = /^(.*?)\s*(<[^>]+>)\s*$/.exec(value)
  return match ? `${encodeWord(match[1] ?? '')} ${match[2] ?? ''}`.trim() : encodeWord(value)
}

/** RFC 2047 encoded word for non-ASCII header text. */
function encodeWord(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ')
  return isAscii(clean) || clean === '' ? clean : `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`
}

function isAscii(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value)
}
