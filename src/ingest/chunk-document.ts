import type { Block } from './parse/parsed-document.ts'
import { splitSentences } from '../text/split-sentences.ts'

export interface Chunk {
  ordinal: number
  text: string
  page: number | null
  headingPath: string[]
  /** Character span in the document's text (blocks joined by blank lines). */
  charStart: number
  charEnd: number
}

export interface ChunkOptions {
  /** Aim for chunks about this long (characters). */
  targetChars: number
  /** Never exceed this, except for a single unbreakable word. */
  maxChars: number
  /** Carried from the end of one chunk into the next when a section is cut by size. */
  overlapChars: number
}

export const defaultChunkOptions: ChunkOptions = { targetChars: 900, maxChars: 1400, overlapChars: 150 }

interface Piece {
  text: string
  start: number
  page: number | null
}

/**
 * Follows the document's structure: a heading or a new page starts a new chunk,
 * paragraphs are packed up to the target size, long paragraphs are cut at
 * sentence ends, and a chunk cut for size carries a little overlap forward.
 */
export function chunkDocument(blocks: readonly Block[], options: ChunkOptions = defaultChunkOptions): Chunk[] {
  const chunks: Chunk[] = []
  const headings: Array<{ level: number; text: string }> = []
  let current: Piece[] = []
  let currentHeadings: string[] = []
  let offset = 0

  const flush = (withOverlap: boolean) => {
    if (current.length === 0) return
    const first = current[0] as Piece
    const last = current[current.length - 1] as Piece
    chunks.push({
      ordinal: chunks.length,
      text: current.map((p) => p.text).join('\n\n'),
      page: first.page,
      headingPath: currentHeadings,
      charStart: first.start,
      charEnd: last.start + last.text.length,
    })
    current = withOverlap ? overlapTail(current, options.overlapChars) : []
  }
  const size = () => current.reduce((sum, p) => sum + p.text.length + 2, 0)

  for (const block of blocks) {
    const page = block.page ?? null
    const blockStart = offset
    offset += block.text.length + 2
    if (block.type === 'heading') {
      flush(false)
      while (headings.length > 0 && (headings[headings.length - 1]?.level ?? 0) >= block.level) headings.pop()
      headings.push({ level: block.level, text: block.text })
      continue
    }
    const path = headings.map((h) => h.text)
    const pageChanged = current.length > 0 && current[current.length - 1]?.page !== page
    if (pageChanged || !samePath(path, currentHeadings)) flush(false)
    if (current.length === 0) currentHeadings = path
    for (const piece of splitToFit(block.text, blockStart, page, options.maxChars)) {
      if (current.length > 0 && size() + piece.text.length > options.targetChars) flush(true)
      current.push(piece)
    }
  }
  flush(false)
  return chunks
}

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i])

/** Keeps whole sentences from the end of the chunk, up to the overlap budget. */
function overlapTail(pieces: readonly Piece[], budget: number): Piece[] {
  const last = pieces[pieces.length - 1]
  if (!last || budget <= 0) return []
  const sentences = splitSentences(last.text)
  const kept: string[] = []
  let length = 0
  for (let i = sentences.length - 1; i >= 0; i--) {
    const sentence = sentences[i] ?? ''
    if (length + sentence.length > budget) break
    kept.unshift(sentence)
    length += sentence.length + 1
  }
  // One sentence that is the whole piece would just repeat the previous chunk.
  if (kept.length === 0 || kept.length === sentences.length) return []
  const text = kept.join(' ')
  const start = last.start + Math.max(0, last.text.lastIndexOf(kept[0] ?? ''))
  return [{ text, start, page: last.page }]
}

/** Cuts a paragraph longer than `max` at sentence ends, then at spaces. */
function splitToFit(text: string, start: number, page: number | null, max: number): Piece[] {
  if (text.length <= max) return [{ text, start, page }]
  const pieces: Piece[] = []
  let buffer = ''
  let bufferStart = start
  let cursor = 0
  const push = () => {
    if (buffer) pieces.push({ text: buffer, start: bufferStart, page })
    buffer = ''
  }
  for (const sentence of splitSentences(text).flatMap((s) => splitWords(s, max))) {
    const at = text.indexOf(sentence, cursor)
    const sentenceStart = start + (at >= 0 ? at : cursor)
    if (at >= 0) cursor = at + sentence.length
    if (buffer && buffer.length + 1 + sentence.length > max) push()
    if (!buffer) bufferStart = sentenceStart
    buffer = buffer ? `${buffer} ${sentence}` : sentence
  }
  push()
  return pieces
}

function splitWords(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence]
  const parts: string[] = []
  let line = ''
  for (const word of sentence.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      parts.push(line)
      line = ''
    }
    line = line ? `${line} ${word}` : word
  }
  if (line) parts.push(line)
  return parts
}
