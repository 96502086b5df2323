import mammoth from 'mammoth'
import { AppError } from '../../../platform/app-error.ts'
import type { ParsedDocument } from '../parsed-document.ts'
import { countVisibleChars } from '../text/normalize-text.ts'
import { firstHeading } from '../text/text-blocks.ts'
import { inspectZip } from './docx-zip-guard.ts'
import { htmlToBlocks } from './html-to-blocks.ts'

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

// Images are dropped: their base64 would balloon the HTML (8 MB for three EMFs) and
// carry no text. An empty src keeps mammoth from reading the image at all.
const dropImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }))

export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  const zip = await inspectZip(bytes)
  if (!zip.entryNames.includes('word/document.xml')) {
    throw new AppError('parse_failed', 'it is damaged (word/document.xml is missing)')
  }
  const html = await convert(bytes)
  const blocks = htmlToBlocks(html)
  if (blocks.reduce((sum, block) => sum + countVisibleChars(block.text), 0) === 0) {
    throw /<img\b/i.test(html)
      ? new AppError('no_text', 'it has no text, only images')
      : new AppError('empty', 'it contains no text')
  }
  return {
    kind: 'docx',
    mimeType: DOCX_MIME,
    title: firstHeading(blocks),
    pages: null,
    blocks,
    parts: [],
    email: null,
  }
}

async function convert(bytes: Uint8Array): Promise<string> {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    // externalFileAccess stays off: a document must not make us read local files or URLs.
    const result = await mammoth.convertToHtml({ buffer }, { convertImage: dropImages, externalFileAccess: false })
    return result.value
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    const message = /xmldom|entity|xml/i.test(detail)
      ? 'it is damaged (its XML is malformed)'
      : 'it is damaged and could not be read as a Word document'
    throw new AppError('parse_failed', message, { cause, context: { detail } })
  }
}
