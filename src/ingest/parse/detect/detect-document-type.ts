import path from 'node:path'
import { AppError } from '../../../platform/app-error.ts'
import type { DocumentKind, ParseInput } from '../parsed-document.ts'
import { classifyZip, refuseOleContainer, unsupported } from './container-formats.ts'
import { decodeText } from '../text/decode-text.ts'
import { matchUnsupportedSignature, startsWithAt } from './magic-numbers.ts'
import { looksBinary, looksLikeBase64Blob, looksLikeEmail, looksLikeHtml, looksLikeMarkdown } from './text-kind.ts'

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const OLE_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const WHITESPACE_BYTES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20])
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd', '.mdx'])
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml'])

/**
 * Decides what a file is from its bytes. The file name and declared MIME type are
 * hints only: they break ties between text formats, never override the bytes.
 * Throws `empty`, `encrypted` or `unsupported_type` for what cannot be parsed.
 */
export function detectDocumentType(input: ParseInput): DocumentKind {
  const { bytes } = input
  if (isBlank(bytes)) throw new AppError('empty', 'it is empty')

  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-')) return 'pdf'
  if (startsWithAt(bytes, 0, ZIP_LOCAL_HEADER) || startsWithAt(bytes, 0, ZIP_EMPTY)) return classifyZip(bytes)
  if (startsWithAt(bytes, 0, OLE_HEADER)) refuseOleContainer(bytes)

  // UTF-16 text is full of NUL bytes; its BOM is what tells it from binary.
  const utf16 = startsWithAt(bytes, 0, [0xff, 0xfe]) || startsWithAt(bytes, 0, [0xfe, 0xff])
  const binary = !utf16 && looksBinary(bytes)
  const known = matchUnsupportedSignature(bytes, binary)
  if (known) throw unsupported(known)
  const declared = (input.mimeType ?? '').toLowerCase().split(';')[0]?.trim() ?? ''
  // Declared a PDF or Word file, but what arrived reads as text that is not clean UTF-8: a part
  // whose transfer encoding was broken decodes to such noise, which must not be indexed as text.
  // (Binary bytes of another format are refused below as what they are.)
  if (declaresBinaryDocument(declared) && !binary && !utf16 && !isStrictUtf8(bytes)) {
    throw new AppError('unreadable', `it is labelled ${declared}, but its contents are neither that nor readable text (it is damaged or wrongly encoded)`)
  }
  if (binary) throw unsupported('a binary file of an unknown type')

  const headBytes = bytes.subarray(0, 64 * 1024)
  const head = utf16 ? decodeText(headBytes).text : Buffer.from(headBytes).toString('latin1').replace(/^\xEF\xBB\xBF/, '')
  const extension = path.extname(input.filename).toLowerCase()

  if (looksLikeEmail(head, extension === '.eml' || declared === 'message/rfc822')) return 'email'
  if (looksLikeHtml(head, HTML_EXTENSIONS.has(extension) || declared === 'text/html')) return 'html'
  if (looksLikeBase64Blob(head)) throw unsupported('base64-encoded data, not readable text (an attachment encoded twice?)')
  if (MARKDOWN_EXTENSIONS.has(extension) || declared === 'text/markdown') return 'markdown'
  if (extension !== '.txt' && looksLikeMarkdown(head)) return 'markdown'
  return 'text'
}

// The document formats DocuQuery reads whose bytes are never text; images and archives are refused by their signatures.
const BINARY_DOCUMENT_TYPES = /^application\/(pdf|msword|vnd\.openxmlformats-officedocument\.[\w.-]+|vnd\.oasis\.opendocument\.[\w.-]+|vnd\.ms-[\w.-]+)$/

const declaresBinaryDocument = (declared: string): boolean => BINARY_DOCUMENT_TYPES.test(declared)

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes)
    return true
  } catch {
    return false
  }
}

function isBlank(bytes: Uint8Array): boolean {
  const start = startsWithAt(bytes, 0, [0xef, 0xbb, 0xbf]) ? 3 : 0
  for (let i = start; i < bytes.length; i++) {
    if (!WHITESPACE_BYTES.has(bytes[i] ?? 0)) return false
  }
  return true
}
