import type { ParsedDocument } from '../parsed-document.ts'
import { decodeText } from '../text/decode-text.ts'
import { firstHeading } from '../text/text-blocks.ts'
import { htmlTitle, htmlToBlocks } from './html-to-blocks.ts'

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i

export function parseHtml(bytes: Uint8Array): ParsedDocument {
  const html = readHtml(bytes)
  const blocks = htmlToBlocks(html, { preferMainContent: true })
  return {
    kind: 'html',
    mimeType: 'text/html',
    title: htmlTitle(html) ?? firstHeading(blocks),
    pages: null,
    blocks,
    parts: [],
    email: null,
  }
}

/** A BOM wins, then the charset the page declares in its first bytes, then detection. */
function readHtml(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1')
  const declared = META_CHARSET.exec(head)?.[1] ?? null
  return decodeText(bytes, declared).text
}
