import { describe, expect, it } from 'vitest'
import { pageTextToParagraphs } from './pdf-paragraphs.ts'

describe('pageTextToParagraphs', () => {
  it('joins wrapped lines and ends a paragraph at a short line that ends a sentence', () => {
    const page = [
      'The quick brown fox jumps over the lazy dog and keeps on running far',
      'into the forest where nobody can see it any more, not even the owl.',
      'It was gone.',
      'A new paragraph starts here and it is long enough to wrap onto the',
      'next line of the page.',
    ].join('\n')
    expect(pageTextToParagraphs(page)).toEqual([
      'The quick brown fox jumps over the lazy dog and keeps on running far into the forest where nobody can see it any more, not even the owl. It was gone.',
      'A new paragraph starts here and it is long enough to wrap onto the next line of the page.',
    ])
  })

  it('joins a word hyphenated across lines, but keeps compound hyphens', () => {
    expect(pageTextToParagraphs('an exam-\nple of Just-in-\nTime compilation')).toEqual(['an example of Just-in-Time compilation'])
  })

  it('joins CJK lines without spaces (vertical Japanese comes one glyph per line)', () => {
    expect(pageTextToParagraphs('第\n二\n条\n第\n一\n項')).toEqual(['第二条第一項'])
  })

  it('breaks at empty lines and turns tabs into spaces', () => {
    expect(pageTextToParagraphs('Header\tFoo\n\nBody')).toEqual(['Header Foo', 'Body'])
  })

  it('cuts very long runs at a sentence end', () => {
    const line = 'word '.repeat(15).trim()
    const page = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? `${line}.` : line)).join('\n')
    const paragraphs = pageTextToParagraphs(page)
    expect(paragraphs.length).toBeGreaterThan(1)
    expect(paragraphs.every((p) => p.length <= 4000)).toBe(true)
  })
})
