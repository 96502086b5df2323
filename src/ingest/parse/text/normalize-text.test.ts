import { describe, expect, it } from 'vitest'
import { countVisibleChars, normalizeText } from './normalize-text.ts'
import { repairMojibake } from './repair-mojibake.ts'

describe('normalizeText', () => {
  it('composes to NFC', () => {
    expect(normalizeText('Fro\u0308sche')).toBe('Frösche')
  })

  it('drops NUL and control characters but keeps newlines and tabs', () => {
    expect(normalizeText('a\u0000b\u0003c\u0085d\te\nf')).toBe('abcd\te\nf')
  })

  it('turns CRLF and CR into LF and form feeds into nothing', () => {
    expect(normalizeText('one\r\ntwo\rthree\ffour')).toBe('one\ntwo\nthreefour')
  })

  it('collapses runs of spaces, including no-break and ideographic spaces', () => {
    expect(normalizeText('a  \u00A0 b\u3000\u3000c')).toBe('a b c')
  })

  it('trims lines and the whole text, and keeps at most one blank line', () => {
    expect(normalizeText('  a  \n   b\n\n\n\nc  ')).toBe('a\nb\n\nc')
  })

  it('removes soft hyphens and zero-width spaces but keeps ZWNJ', () => {
    expect(normalizeText('Silben\u00ADtrennung zero\u200Bwidth می\u200Cخواهم')).toBe('Silbentrennung zerowidth می\u200Cخواهم')
  })

  it('replaces lone surrogates', () => {
    expect(normalizeText('a\uD800b')).toBe('a\uFFFDb')
  })

  it('counts visible characters', () => {
    expect(countVisibleChars(' a b\n\tc ')).toBe(3)
  })
})

describe('repairMojibake', () => {
  it('turns UTF-8 read as Latin-1 back into the intended characters', () => {
    expect(repairMojibake('1986\u00E2\u0080\u00931990 caf\u00C3\u00A9')).toBe('1986–1990 café')
  })

  it('leaves genuine Latin-1 text alone', () => {
    expect(repairMojibake('Straße «Café» für 20°')).toBe('Straße «Café» für 20°')
  })
})
