import { AppError } from '../../platform/app-error.ts'
import { assertWithinSize } from './size-limit.ts'
import { detectDocumentType } from './detect/detect-document-type.ts'
import { parseDocx } from './formats/docx-parser.ts'
import { parseEmail } from './formats/email/email-parser.ts'
import { parseHtml } from './formats/html-parser.ts'
import { parseMarkdown } from './formats/markdown-parser.ts'
import { parsePdf } from './formats/pdf-parser.ts'
import { parsePlainText, readText } from './formats/text-parser.ts'
import type { ParsedDocument, ParseInput } from './parsed-document.ts'
import { assessText } from './text/garbled-text.ts'
import { countVisibleChars } from './text/normalize-text.ts'

export interface ParseLimits {
  maxBytes: number
}

/**
 * Parses in the calling thread. createDocumentParser runs this inside worker
 * threads; call it directly only for trusted input or in tests.
 */
export async function parseDocument(input: ParseInput, limits: ParseLimits): Promise<ParsedDocument> {
  assertWithinSize(input.bytes.byteLength, limits.maxBytes)
  const kind = detectDocumentType(input)
  const document = await parseAs(kind, input.bytes)
  if (kind !== 'email') assertReadableText(document)
  return document
}

function parseAs(kind: ParsedDocument['kind'], bytes: Uint8Array): Promise<ParsedDocument> | ParsedDocument {
  switch (kind) {
    case 'pdf':
      return parsePdf(bytes)
    case 'docx':
      return parseDocx(bytes)
    case 'email':
      return parseEmail(bytes)
    case 'html':
      return parseHtml(bytes)
    case 'markdown':
      return parseMarkdown(readText(bytes))
    case 'text':
      return parsePlainText(bytes)
  }
}

/** PDF and DOCX judge their own text; this catches text formats with nothing or garbage in them. */
function assertReadableText(document: ParsedDocument): void {
  if (document.kind === 'pdf' || document.kind === 'docx') return
  const text = document.blocks.map((block) => block.text).join('\n\n')
  if (countVisibleChars(text) === 0) throw new AppError('empty', 'it contains no text')
  if (assessText(text).garbled) throw new AppError('garbled_text', 'its text is garbled (wrong character encoding)')
}
