import type { PDFiumDocument, PDFiumLibrary } from '@hyzyla/pdfium'
import { AppError } from '../../../platform/app-error.ts'

export interface PdfText {
  pages: { num: number; text: string }[]
  total: number
  title: string | null
}

/**
 * The parts of @hyzyla/pdfium's objects that its public API does not expose
 * but this file needs: the emscripten module (for FPDF_GetMetaText, the
 * document's Title) and the document handle. The version is pinned exactly in
 * package.json, so these fields cannot move under us unnoticed; a test reads
 * a title through them.
 */
interface PdfiumInternals {
  module: {
    _FPDF_GetMetaText(document: number, tag: number, buffer: number, length: number): number
    wasmExports: { malloc(size: number): number; free(pointer: number): void }
    HEAPU8: Uint8Array
  }
  documentIdx: number
}

// One WASM instance per parse worker, made on its first PDF (a worker that never sees one pays nothing).
let library: Promise<PDFiumLibrary> | null = null

function pdfium(): Promise<PDFiumLibrary> {
  library ??= import('@hyzyla/pdfium').then(({ PDFiumLibrary }) => PDFiumLibrary.init())
  return library
}

/**
 * Text per page with PDFium (compiled to WebAssembly): 4–5× less CPU than
 * pdf.js on the corpus PDFs, which made parsing most of ingest time.
 */
export async function extractWithPdfium(bytes: Uint8Array): Promise<PdfText> {
  const lib = await pdfium()
  let doc: PDFiumDocument
  try {
    doc = await lib.loadDocument(bytes)
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    if (/password/i.test(detail)) throw new AppError('encrypted', 'it is password-protected', { cause, context: { detail } })
    throw new AppError('parse_failed', 'it is damaged or not a valid PDF', { cause, context: { detail } })
  }
  try {
    const total = doc.getPageCount()
    const pages: PdfText['pages'] = []
    for (let index = 0; index < total; index++) pages.push({ num: index + 1, text: cleanPageText(doc.getPage(index).getText()) })
    return { pages, total, title: readTitle(doc) }
  } finally {
    doc.destroy()
  }
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303F\\uFF00-\\uFFEF'
// PDFium spaces out CJK characters set with wide tracking ("关 于 红 军"); those scripts use no spaces between words.
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\u3000]+(?=[${CJK}])`, 'gu')

/**
 * PDFium ends lines with \r\n, and joins a word hyphenated across a line end
 * with U+FFFE where the hyphen was ("pur\uFFFEchase"): the word is whole again
 * without it, as pdf.js's lines are joined in pdf-paragraphs.ts.
 */
function cleanPageText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\uFFFE/g, '').replace(SPACE_BETWEEN_CJK, '')
}

function readTitle(doc: PDFiumDocument): string | null {
  const { module, documentIdx } = doc as unknown as PdfiumInternals
  const tag = module.wasmExports.malloc(6)
  module.HEAPU8.set(new TextEncoder().encode('Title\0'), tag)
  try {
    // The first call gives the size in bytes of the UTF-16LE value, its terminator included.
    const size = module._FPDF_GetMetaText(documentIdx, tag, 0, 0)
    if (size <= 2) return null
    const buffer = module.wasmExports.malloc(size)
    try {
      module._FPDF_GetMetaText(documentIdx, tag, buffer, size)
      return new TextDecoder('utf-16le').decode(module.HEAPU8.slice(buffer, buffer + size - 2))
    } finally {
      module.wasmExports.free(buffer)
    }
  } finally {
    module.wasmExports.free(tag)
  }
}
