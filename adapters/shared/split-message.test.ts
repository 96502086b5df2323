import { describe, expect, it } from 'vitest'
import { splitMessage } from './split-message.ts'

const fences = (piece: string) => piece.split('\n').filter((line) => /^\s*```/.test(line)).length

describe('splitMessage', () => {
  it('keeps a short message whole', () => {
    expect(splitMessage('Hello [1].', 2000)).toEqual(['Hello [1].'])
  })

  it('cuts long prose at paragraph or sentence ends, every piece within the limit, nothing lost', () => {
    const paragraph = 'The rotation changes every Monday at 09:00 UTC and the handover is written down [1]. '.repeat(8)
    const text = Array.from({ length: 12 }, () => paragraph.trim()).join('\n\n')
    const pieces = splitMessage(text, 2000)
    expect(pieces.length).toBeGreaterThan(1)
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2000)
      expect(piece.endsWith('.')).toBe(true)
    }
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '))
  })

  it('never splits a citation marker or a link', () => {
    const words = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? `[${i}]` : i % 11 === 0 ? `<https://example.com/f/${i}|file ${i}>` : `word${i}`))
    const pieces = splitMessage(words.join(' '), 120)
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(120)
      expect(piece).not.toMatch(/\[\d*$|^\d*\]/)
      expect((piece.match(/</g) ?? []).length).toBe((piece.match(/>/g) ?? []).length)
    }
  })

  it('closes and reopens a code block cut in two, with its language', () => {
    const code = Array.from({ length: 80 }, (_, i) => `  const value${i} = compute(${i})`).join('\n')
    const text = `Run this:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nThen restart [2].`
    const pieces = splitMessage(text, 500)
    expect(pieces.length).toBeGreaterThan(2)
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(500)
      expect(fences(piece) % 2).toBe(0)
    }
    expect(pieces[1]!.startsWith('```ts\n')).toBe(true)
    const rejoined = pieces.join('\n').replace(/\n```\n```ts\n/g, '\n')
    for (let i = 0; i < 80; i++) expect(rejoined).toContain(`const value${i} = compute(${i})`)
    expect(pieces.at(-1)).toContain('Then restart [2].')
  })

  it('cuts a single word longer than the limit', () => {
    const pieces = splitMessage('x'.repeat(250), 100)
    expect(pieces.join('')).toBe('x'.repeat(250))
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(100)
  })

  it('leaves room in the first piece when asked (for a prefix the caller adds)', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Sentence ${i} about the rotation [${(i % 3) + 1}].`).join(' ')
    const pieces = splitMessage(text, 200, { firstMaxChars: 120 })
    expect(pieces[0]!.length).toBeLessThanOrEqual(120)
    expect(pieces[1]!.length).toBeGreaterThan(120)
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200)
    expect(pieces.join(' ')).toBe(text)
  })
})
