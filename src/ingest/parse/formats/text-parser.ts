import type { Block, ParsedDocument } from '../parsed-document.ts'
import { decodeText } from '../text/decode-text.ts'
import { repairMojibake } from '../text/repair-mojibake.ts'
import { paragraphBlocks } from '../text/text-blocks.ts'
import { dropRunningHeaders } from './running-headers.ts'

// C1 controls never occur in real text; they are the trace of UTF-8 read as Latin-1.
const C1_CONTROL = /[\u0080-\u009F]/

export function parsePlainText(bytes: Uint8Array): ParsedDocument {
  const pages = readText(bytes).replace(/\r\n?/g, '\n').split('\f')
  const paginated = pages.length > 1
  const blocks: Block[] = paginated
    ? dropRunningHeaders(pages).flatMap((pageText, index) => paragraphBlocks(pageText, index + 1))
    : paragraphBlocks(pages[0] ?? '')
  return { kind: 'text', mimeType: 'text/plain', title: null, pages: paginated ? pages.length : null, blocks, parts: [], email: null }
}

/** Decodes text bytes, repairing double-encoded UTF-8 when its traces are there. */
export function readText(bytes: Uint8Array): string {
  const { text } = decodeText(bytes)
  return C1_CONTROL.test(text) ? repairMojibake(text) : text
}
