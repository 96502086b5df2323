import { describe, expect, it } from 'vitest'
import { sanitizeLabel, stripControlCharacters } from './control-characters.ts'

describe('sanitizeLabel', () => {
  it('removes escape sequences whole: clear screen, colours, OSC-8 links, title changes', () => {
    expect(sanitizeLabel('report\u001b[2J\u001b[31m.pdf')).toBe('report.pdf')
    expect(sanitizeLabel('\u001b]8;;https://evil.example/\u001b\\click me\u001b]8;;\u001b\\.pdf')).toBe('click me.pdf')
    expect(sanitizeLabel('\u001b]0;pwned\u0007notes.md')).toBe('notes.md')
    expect(sanitizeLabel('a\u009b2Jb')).toBe('ab')
  })

  it('removes BEL, NUL, DEL, C1 controls and bidirectional overrides; line breaks become a space', () => {
    expect(sanitizeLabel('ding\u0007\u0000\u007f\u0085\u009c.txt')).toBe('ding.txt')
    expect(sanitizeLabel('invoice\u202efdp.exe')).toBe('invoicefdp.exe')
    expect(sanitizeLabel(' Re:\r\n\tthe plan ')).toBe('Re: the plan')
  })

  it('leaves ordinary text, accents and other scripts alone', () => {
    for (const text of ['Café menu — v2.pdf', '議事録.docx', 'отчёт.txt', 'מסמך.pdf', 'emoji 📎.md']) expect(sanitizeLabel(text)).toBe(text)
  })
})

describe('stripControlCharacters', () => {
  it('keeps line breaks and tabs for multi-line text, turns a lone CR into a line break', () => {
    expect(stripControlCharacters('one\n\ttwo\r\nthree\rfour\u001b[Kfive\u0007')).toBe('one\n\ttwo\nthree\nfourfive')
  })
})
