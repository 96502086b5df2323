import { createHash } from 'node:crypto'
import { type AddressObject, simpleParser } from 'mailparser'
import { EmailRefusal } from './email-refusal.ts'

/** What acceptance needs from a message before it is stored: identity, sender, recipients. */
export interface MessageHeaders {
  /** Message-ID without angle brackets, or `sha256:<hex>` of the bytes when there is none. */
  messageId: string
  subject: string | null
  /** "Name <address>" or the address. */
  from: string | null
  fromAddress: string | null
  /** To, Cc, Delivered-To and X-Original-To addresses (for the HTTP endpoint without an envelope). */
  recipients: string[]
}

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/
const MBOX_FROM = /^From \S+/
// Headers past this are not a message's headers but an attack on the parser.
const MAX_HEADER_BYTES = 256 * 1024
const MESSAGE_ID = /^[\x21-\x3b\x3d\x3f-\x7e]{1,250}$/

/**
 * Reads only the header block, so a 25 MB message costs no more than a small
 * one here; the body is parsed later by the core's e-mail parser.
 */
export async function readMessageHeaders(raw: Uint8Array): Promise<MessageHeaders> {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
  const headerEnd = findHeaderEnd(bytes)
  const firstLines = bytes.subarray(0, Math.min(headerEnd, 2048)).toString('latin1').split(/\r?\n/)
  if (MBOX_FROM.test(firstLines[0] ?? '')) firstLines.shift()
  if (!HEADER_LINE.test(firstLines[0] ?? '') || headerEnd > MAX_HEADER_BYTES) {
    throw new EmailRefusal('malformed', 'this is not an e-mail message: it does not start with a header block')
  }
  let mail: Awaited<ReturnType<typeof simpleParser>>
  try {
    mail = await simpleParser(Buffer.concat([bytes.subarray(0, headerEnd), Buffer.from('\r\n\r\n')]), { skipHtmlToText: true, skipTextToHtml: true })
  } catch (cause) {
    throw new EmailRefusal('malformed', 'its header block could not be read', { cause })
  }
  const first = mail.from?.value[0]
  const name = first?.name?.trim() ?? ''
  const address = first?.address?.trim() || null
  return {
    messageId: normalizeMessageId(mail.messageId) ?? `sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`,
    subject: mail.subject?.trim() || null,
    from: name && address ? `${name} <${address}>` : name || address,
    fromAddress: address,
    recipients: [...addresses(mail.to), ...addresses(mail.cc), ...plainHeader(mail.headers.get('delivered-to')), ...plainHeader(mail.headers.get('x-original-to'))],
  }
}

function normalizeMessageId(value: string | undefined): string | null {
  const id = value?.trim().replace(/^<|>$/g, '').trim()
  return id && MESSAGE_ID.test(id) ? id : null
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return list.flatMap((object) => object.value.flatMap((entry) => [entry.address, ...(entry.group ?? []).map((member) => member.address)]))
    .filter((address): address is string => typeof address === 'string' && address !== '')
}

/** Delivered-To comes back as address objects (possibly a list of them); X-Original-To as text. */
function plainHeader(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value]
  return list.flatMap((item) => {
    if (typeof item === 'string') return item.split(',').map((s) => s.trim().replace(/^<|>$/g, '')).filter((s) => s.includes('@'))
    if (item && typeof item === 'object' && 'value' in item && Array.isArray(item.value)) return addresses(item as AddressObject)
    return []
  })
}

function findHeaderEnd(bytes: Buffer): number {
  const ends = [bytes.indexOf('\r\n\r\n'), bytes.indexOf('\n\n')].filter((index) => index >= 0)
  return ends.length === 0 ? bytes.length : Math.min(...ends)
}
