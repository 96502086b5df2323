/**
 * Decides whether extracted text is clearly garbage rather than language: what a
 * PDF gives when its fonts have no usable ToUnicode map. Pure and cheap, so it can
 * run on every PDF page.
 *
 * It only says "garbled" on strong evidence; real text in any script, code,
 * tables and ASCII art must pass. Too little text is never judged.
 */

export type GarbleReason =
  | 'control_chars'
  | 'replacement_chars'
  | 'private_use_chars'
  | 'latin1_mojibake'
  | 'shifted_glyphs'

export interface GarbleVerdict {
  garbled: boolean
  reason: GarbleReason | null
}

const MIN_CHARS_TO_JUDGE = 20

interface CharStats {
  visible: number
  controls: number
  replacement: number
  privateUse: number
  asciiLetters: number
  asciiVowels: number
  asciiUpper: number
  latin1Letters: number
  latin1Symbols: number
  otherLetters: number
}

// Windows-1252 extras that only mojibake produces; the common typographic ones
// (quotes, dashes, bullet, ellipsis, euro) are left out on purpose.
const RARE_CP1252 = new Set('‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ')
const LETTER = /\p{L}/u

function collectStats(text: string): CharStats {
  const stats: CharStats = {
    visible: 0,
    controls: 0,
    replacement: 0,
    privateUse: 0,
    asciiLetters: 0,
    asciiVowels: 0,
    asciiUpper: 0,
    latin1Letters: 0,
    latin1Symbols: 0,
    otherLetters: 0,
  }
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f') continue
    stats.visible++
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) stats.controls++
    else if (cp === 0xfffd) stats.replacement++
    else if (cp >= 0xe000 && cp <= 0xf8ff) stats.privateUse++
    else if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) {
      stats.asciiLetters++
      if ('aeiouAEIOU'.includes(ch)) stats.asciiVowels++
      if (cp <= 0x5a) stats.asciiUpper++
    } else if (cp >= 0xa1 && cp <= 0xbf) stats.latin1Symbols++
    else if (cp === 0xd7 || cp === 0xf7) stats.latin1Symbols++
    else if (cp >= 0xc0 && cp <= 0xff) stats.latin1Letters++
    else if (RARE_CP1252.has(ch)) stats.latin1Symbols++
    else if (LETTER.test(ch)) stats.otherLetters++
  }
  return stats
}

export function assessText(text: string): GarbleVerdict {
  const s = collectStats(text)
  if (s.visible < MIN_CHARS_TO_JUDGE) return { garbled: false, reason: null }

  if (s.controls / s.visible > 0.05) return verdict('control_chars')
  if (s.replacement / s.visible > 0.05) return verdict('replacement_chars')
  if (s.privateUse / s.visible > 0.2) return verdict('private_use_chars')

  // GBK or Shift_JIS read as Latin-1: nearly every "letter" is accented or a symbol.
  // Real French, German or Icelandic stay far below a third.
  const latin1 = s.latin1Letters + s.latin1Symbols
  const letters = s.asciiLetters + latin1 + s.otherLetters
  if (latin1 >= 10 && latin1 / letters > 0.3) return verdict('latin1_mojibake')
  if (s.latin1Symbols / s.visible > 0.1) return verdict('latin1_mojibake')

  // Glyph codes shifted by a constant turn lower-case letters into capitals and
  // vowels into consonants; real prose, even in capitals, is about 35–45 % vowels.
  if (s.asciiLetters >= 100 && s.asciiLetters / letters > 0.8) {
    const vowelRatio = s.asciiVowels / s.asciiLetters
    const upperRatio = s.asciiUpper / s.asciiLetters
    if (vowelRatio < 0.15 || (vowelRatio < 0.22 && upperRatio > 0.7)) return verdict('shifted_glyphs')
  }
  return { garbled: false, reason: null }
}

function verdict(reason: GarbleReason): GarbleVerdict {
  return { garbled: true, reason }
}
