import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parsePlainText } from './text-parser.ts'

describe('parsePlainText', () => {
  it('decodes Latin-1 with CRLF and splits paragraphs on blank lines', () => {
    const bytes = iconv.encode('Die Hasen und die Frösche\r\n\r\nDie Hasen klagten einst\r\nüber ihre mißliche Lage.\r\n', 'latin1')
    const document = parsePlainText(bytes)
    expect(document.blocks).toEqual([
      { type: 'paragraph', text: 'Die Hasen und die Frösche' },
      { type: 'paragraph', text: 'Die Hasen klagten einst\nüber ihre mißliche Lage.' },
    ])
    expect(document.pages).toBeNull()
  })

  it('starts a new page at each form feed and drops the running header and footer', () => {
    const page = (n: number, body: string): string => `RFC 9999   Example   May 2024\n\n${body}\n\nDoe   Informational   [Page ${n}]\n`
    const text = [page(1, 'First page text.'), page(2, 'Second page text.'), page(3, 'Third page text.')].join('\f')
    const document = parsePlainText(new TextEncoder().encode(text))
    expect(document.pages).toBe(3)
    expect(document.blocks).toEqual([
      { type: 'paragraph', text: 'First page text.', page: 1 },
      { type: 'paragraph', text: 'Second page text.', page: 2 },
      { type: 'paragraph', text: 'Third page text.', page: 3 },
    ])
  })

  it('repairs UTF-8 that was read as Latin-1 once (C1 controls give it away)', () => {
    const mojibake = Buffer.from('1986\u00E2\u0080\u00931990 Watford', 'utf8')
    expect(parsePlainText(mojibake).blocks[0]?.text).toBe('1986–1990 Watford')
  })
})
