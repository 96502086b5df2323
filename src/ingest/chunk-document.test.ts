import { describe, expect, it } from 'vitest'
import type { Block } from './parse/parsed-document.ts'
import { chunkDocument } from './chunk-document.ts'

const options = { targetChars: 120, maxChars: 200, overlapChars: 60 }

describe('chunkDocument', () => {
  it('starts a chunk at each heading and keeps the heading path', () => {
    const blocks: Block[] = [
      { type: 'heading', level: 1, text: 'Leave' },
      { type: 'heading', level: 2, text: 'Annual leave' },
      { type: 'paragraph', text: 'New hires accrue four hours per pay period.' },
      { type: 'heading', level: 2, text: 'Sick leave' },
      { type: 'paragraph', text: 'Sick leave accrues at four hours per pay period too.' },
    ]
    const chunks = chunkDocument(blocks, options)
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [['Leave', 'Annual leave'], 'New hires accrue four hours per pay period.'],
      [['Leave', 'Sick leave'], 'Sick leave accrues at four hours per pay period too.'],
    ])
  })

  it('never lets a chunk span two pages', () => {
    const blocks: Block[] = [
      { type: 'paragraph', text: 'Page one text.', page: 1 },
      { type: 'paragraph', text: 'Page two text.', page: 2 },
    ]
    expect(chunkDocument(blocks, options).map((c) => [c.page, c.text])).toEqual([
      [1, 'Page one text.'],
      [2, 'Page two text.'],
    ])
  })

  it('cuts long paragraphs at sentence ends, within the limit, with overlap', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} says something.`)
    const chunks = chunkDocument([{ type: 'paragraph', text: sentences.join(' ') }], options)
    expect(chunks.length).toBeGreaterThan(2)
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(options.maxChars + options.overlapChars)
    const all = chunks.map((c) => c.text).join(' ')
    for (const s of sentences) expect(all).toContain(s)
    // The second chunk begins with the tail of the first.
    const firstTail = chunks[0]?.text.split('. ').pop() ?? ''
    expect(chunks[1]?.text.startsWith(firstTail.replace(/\.$/, ''))).toBe(true)
  })

  it('records character spans that point back into the document text', () => {
    const blocks: Block[] = [
      { type: 'paragraph', text: 'Alpha paragraph.' },
      { type: 'paragraph', text: 'Beta paragraph.' },
    ]
    const full = blocks.map((b) => b.text).join('\n\n')
    for (const chunk of chunkDocument(blocks, { ...options, targetChars: 10 })) {
      expect(full.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text)
    }
  })
})
