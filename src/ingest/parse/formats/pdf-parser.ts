import { createRequire } from 'node:module'
import path from 'node:path'
import { PDFParse } from 'pdf-parse'
import { AppError, isAppError } from '../../../platform/app-error.ts'
import type { Block, ParsedDocument } from '../parsed-document.ts'
import { assessText } from '../text/garbled-text.ts'
import { countVisibleChars, normalizeText } from '../text/normalize-text.ts'
import { pageTextToParagraphs } from './pdf-paragraphs.ts'
import { type PdfText, extractWithPdfium } from './pdfium-text.ts'

/** Below this many visible characters per page on average, a PDF is treated as a scan. */
const MIN_CHARS_PER_PAGE = 20
/** Above this share of garbled text, the document as a whole is refused. */
const MAX_GARBLED_SHARE = 0.5

// pdf.js needs its CMaps for CID fonts (Japanese, Chinese) and its standard font
// metrics; both ship inside pdfjs-dist, which pdf-parse depends on.
const pdfjsDir = path.dirname(createRequire(createRequire(import.meta.url).resolve('pdf-parse')).resolve('pdfjs-dist/package.json'))

/**
 * PDFium reads most PDFs with a fraction of pdf.js's CPU. pdf.js stays behind
 * it for what PDFium cannot open or reads worse: it repairs broken cross
 * references and reads vertical Japanese text with its CMaps. A PDF is refused
 * (garbled, scanned, damaged) only when pdf.js cannot read it either.
 */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  let fast: ParsedDocument
  try {
    fast = toParsedDocument(await extractWithPdfium(bytes))
  } catch (error) {
    if (isAppError(error) && error.code === 'encrypted') throw error
    return toParsedDocument(await extractWithPdfjs(bytes))
  }
  if (!mostlyJapanese(fast)) return fast
  // Japanese is often set vertically, and PDFium lost whole lines of a vertical page that pdf.js
  // (with its CMaps) reads: both read it, and the fuller text wins.
  const careful = await extractWithPdfjs(bytes)
    .then(toParsedDocument)
    .catch(() => null)
  return careful && visibleChars(careful) >= visibleChars(fast) ? careful : fast
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu

function mostlyJapanese(doc: ParsedDocument): boolean {
  const text = doc.blocks.map((b) => b.text).join('')
  return (text.match(KANA)?.length ?? 0) > countVisibleChars(text) * 0.2
}

function visibleChars(doc: ParsedDocument): number {
  return doc.blocks.reduce((sum, b) => sum + countVisibleChars(b.text), 0)
}

function toParsedDocument({ pages, total, title }: PdfText): ParsedDocument {
  const blocks: Block[] = []
  let goodChars = 0
  let garbledChars = 0
  for (const page of pages) {
    const visible = countVisibleChars(page.text)
    if (assessText(page.text).garbled) {
      garbledChars += visible
      continue
    }
    goodChars += visible
    for (const paragraph of pageTextToParagraphs(page.text)) {
      const text = normalizeText(paragraph)
      if (text !== '') blocks.push({ type: 'paragraph', text, page: page.num })
    }
  }
  const allChars = goodChars + garbledChars
  if (allChars >= MIN_CHARS_PER_PAGE && garbledChars / allChars > MAX_GARBLED_SHARE) {
    throw new AppError('garbled_text', 'its text layer is garbled (broken font encoding)', {
      context: { garbledChars, goodChars },
    })
  }
  if (goodChars / Math.max(1, total) < MIN_CHARS_PER_PAGE) {
    throw new AppError('no_text', 'it has no text layer (it looks scanned)', { context: { chars: goodChars, pages: total } })
  }
  return { kind: 'pdf', mimeType: 'application/pdf', title: cleanTitle(title), pages: total, blocks, parts: [], email: null }
}

async function extractWithPdfjs(bytes: Uint8Array): Promise<PdfText> {
  const parser = new PDFParse({
    // pdf.js may transfer the buffer to its worker; give it a copy of its own.
    data: new Uint8Array(bytes),
    verbosity: 0,
    cMapUrl: path.join(pdfjsDir, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pdfjsDir, 'standard_fonts') + path.sep,
    // Fonts are only read for text, never rendered: no eval'd glyph programs.
    isEvalSupported: false,
    disableFontFace: true,
  })
  try {
    const info = await parser.getInfo()
    const text = await parser.getText({ pageJoiner: '' })
    return { pages: text.pages, total: text.total, title: readTitle(info.info) }
  } catch (cause) {
    throw toPdfError(cause)
  } finally {
    await parser.destroy()
  }
}

function toPdfError(cause: unknown): AppError {
  const name = cause instanceof Error ? cause.name : ''
  const detail = cause instanceof Error ? cause.message : String(cause)
  if (name === 'PasswordException') {
    return new AppError('encrypted', 'it is password-protected', { cause, context: { detail } })
  }
  return new AppError('parse_failed', 'it is damaged or not a valid PDF', { cause, context: { detail } })
}

function readTitle(info: unknown): string | null {
  if (typeof info !== 'object' || info === null || !('Title' in info)) return null
  return typeof info.Title === 'string' ? info.Title : null
}

/** Drops the "Microsoft Word - report.doc" wrapper that printer drivers put in titles. */
function cleanTitle(title: string | null): string | null {
  if (title === null) return null
  const cleaned = normalizeText(title.replace(/^Microsoft (Word|PowerPoint|Excel) - /, '').replace(/\.(docx?|pptx?|xlsx?)$/i, ''))
  return cleaned === '' ? null : cleaned
}
