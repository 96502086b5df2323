import chardet from 'chardet'
import iconv from 'iconv-lite'

export interface DecodedText {
  text: string
  /** The charset the bytes were read as, for diagnostics. */
  encoding: string
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
// ISO-2022-JP is pure 7-bit, so it passes as UTF-8; its escape sequences give it away.
const ISO_2022_JP_ESCAPE = /\x1b\$[@B]|\x1b\(J/
// A declared Latin-1 is nearly always Windows-1252 in practice (WHATWG does the same).
const CHARSET_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ks_c_5601-1987': 'cp949',
}

/**
 * Reads bytes as text: a BOM wins, then a declared charset that iconv-lite knows,
 * then valid UTF-8, then chardet's best guess, then Windows-1252 (never fails).
 */
export function decodeText(bytes: Uint8Array, declaredCharset?: string | null): DecodedText {
  const bom = decodeWithBom(bytes)
  if (bom) return bom

  const declared = declaredCharset ? resolveCharset(declaredCharset) : null
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    return { text: iconv.decode(bytes, declared), encoding: declared }
  }
  const head = bytes.subarray(0, 64 * 1024)
  if (ISO_2022_JP_ESCAPE.test(latin1(head))) {
    // iconv-lite has no ISO-2022-JP; Node's ICU TextDecoder has.
    return { text: new TextDecoder('iso-2022-jp').decode(bytes), encoding: 'iso-2022-jp' }
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' }
  } catch {
    // not UTF-8: guess below
  }
  const guess = guessCharset(bytes)
  return { text: iconv.decode(bytes, guess), encoding: guess }
}

export function resolveCharset(name: string): string | null {
  const key = name.trim().toLowerCase().replace(/^["']|["']$/g, '')
  const resolved = CHARSET_ALIASES[key] ?? key
  // UTF-7 is refused on purpose: it smuggles markup past filters, and no text file uses it.
  if (resolved === 'utf-7' || resolved === 'utf7') return null
  return iconv.encodingExists(resolved) ? resolved : null
}

function decodeWithBom(bytes: Uint8Array): DecodedText | null {
  const [b0, b1, b2] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  }
  if (b0 === 0xff && b1 === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
  if (b0 === 0xfe && b1 === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
  return null
}

function guessCharset(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 256 * 1024)
  for (const match of chardet.analyse(sample)) {
    // Without a BOM and without NUL bytes, UTF-16/32 guesses are noise.
    if (/^UTF-(16|32)/i.test(match.name) || match.name === 'UTF-8') continue
    const charset = resolveCharset(match.name)
    if (charset) return charset
  }
  return 'windows-1252'
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}
