import type { Block } from '../parsed-document.ts'
import { normalizeText } from './normalize-text.ts'

const BLANK_LINE = /\n[ \t\u00A0]*\n/

/** Splits text on blank lines into normalised paragraph blocks, dropping empty ones. */
export function paragraphBlocks(text: string, page?: number): Block[] {
  const blocks: Block[] = []
  for (const raw of text.replace(/\r\n?/g, '\n').split(BLANK_LINE)) {
    const paragraph = normalizeText(raw)
    if (paragraph === '') continue
    blocks.push(page === undefined ? { type: 'paragraph', text: paragraph } : { type: 'paragraph', text: paragraph, page })
  }
  return blocks
}

export function headingBlock(level: number, text: string, page?: number): Block | null {
  const heading = normalizeText(text).replace(/\s+/g, ' ')
  if (heading === '') return null
  const clamped = Math.min(6, Math.max(1, level))
  return page === undefined ? { type: 'heading', level: clamped, text: heading } : { type: 'heading', level: clamped, text: heading, page }
}

/** The first heading's text, used as a title when the format has no title of its own. */
export function firstHeading(blocks: readonly Block[]): string | null {
  for (const block of blocks) {
    if (block.type === 'heading') return block.text
  }
  return null
}
