import type { ParsedPart } from '../../parsed-document.ts'

/**
 * People describe an e-mail by its shape as often as by its words: "the mail
 * with a PDF and a picture attached", "that spam in Cyrillic". These lines put
 * the shape into the message's own text, so such a question finds it.
 */
export function structureLines(parts: readonly ParsedPart[], raw: Buffer): string[] {
  const lines: string[] = []
  // Kinds, not file names: a part is found by its own name, and a question about
  // what "notes.txt" says must find the part, not the message that lists it.
  if (parts.length > 0) lines.push(`Attachments: ${parts.map((part) => kindOf(part.mimeType)).join(', ')}`)
  const charset = bodyCharset(raw)
  if (charset) lines.push(`Encoding: ${charset.name}${charset.script ? ` (${charset.script})` : ''}`)
  return lines
}

const kinds: Array<[RegExp, string]> = [
  [/^message\/rfc822$/, 'attached e-mail message'],
  [/^application\/pdf$/, 'PDF document'],
  [/wordprocessingml|^application\/msword$/, 'Word document'],
  [/spreadsheetml|ms-excel/, 'spreadsheet'],
  [/presentationml|ms-powerpoint/, 'presentation'],
  [/^text\/html$/, 'HTML web page'],
  [/^text\/markdown$/, 'Markdown text'],
  [/^text\/calendar$/, 'calendar invitation'],
  [/^text\//, 'text file'],
  [/^image\//, 'image'],
  [/^audio\//, 'audio'],
  [/^video\//, 'video'],
  [/zip|gzip|x-tar|x-7z|x-rar/, 'compressed archive'],
]

function kindOf(mimeType: string): string {
  return kinds.find(([pattern]) => pattern.test(mimeType))?.[1] ?? 'file'
}

// Charsets that say which script a message is written in; UTF-8 and ASCII say nothing.
const scripts: Array<[RegExp, string]> = [
  [/^(windows-1251|cp1251|koi8-[ru]|iso-8859-5|cp866|x-mac-cyrillic)$/, 'Cyrillic'],
  [/^(windows-1253|iso-8859-7)$/, 'Greek'],
  [/^(windows-1255|iso-8859-8(-i)?)$/, 'Hebrew'],
  [/^(windows-1256|iso-8859-6)$/, 'Arabic'],
  [/^(shift_jis|sjis|iso-2022-jp|euc-jp|cp932|windows-31j)$/, 'Japanese'],
  [/^(gb2312|gbk|gb18030|big5|big5-hkscs|hz-gb-2312)$/, 'Chinese'],
  [/^(euc-kr|ks_c_5601-1987|iso-2022-kr)$/, 'Korean'],
  [/^(windows-874|tis-620|iso-8859-11)$/, 'Thai'],
  [/^(windows-1250|iso-8859-2)$/, 'Central European'],
  [/^(windows-1252|iso-8859-1|iso-8859-15|latin1)$/, 'Western European'],
]

/** The first charset a Content-Type header of the message declares that is not Unicode or ASCII. */
function bodyCharset(raw: Buffer): { name: string; script: string | null } | null {
  // Header lines unfolded: "Content-Type: text/plain;\n\tcharset=…" is one header.
  const head = raw.subarray(0, 256 * 1024).toString('latin1').replace(/\r?\n[ \t]+/g, ' ')
  for (const match of head.matchAll(/^content-type:[^\n]*?charset\s*=\s*"?([a-z][\w.:-]*)/gim)) {
    const name = (match[1] as string).toLowerCase()
    if (/^(utf-?8|utf-?16|us-ascii|ascii|utf-7)$/.test(name)) continue
    return { name, script: scripts.find(([pattern]) => pattern.test(name))?.[1] ?? null }
  }
  return null
}
