/** Byte signatures of formats DocuQuery cannot read, named for the user. */
export interface Signature {
  offset: number
  bytes: readonly number[]
  name: string
  /** Textual signatures are checked on every file; short binary ones only on binary files ("BM…" may start a text). */
  textual?: true
}

const ascii = (text: string): number[] => [...text].map((ch) => ch.charCodeAt(0))

export const unsupportedSignatures: readonly Signature[] = [
  { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { offset: 0, bytes: ascii('GIF8'), name: 'a GIF image' },
  { offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00], name: 'a TIFF image' },
  { offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a], name: 'a TIFF image' },
  { offset: 0, bytes: ascii('BM'), name: 'a BMP image' },
  { offset: 8, bytes: ascii('WEBP'), name: 'a WebP image' },
  { offset: 4, bytes: ascii('ftypheic'), name: 'a HEIC image' },
  { offset: 4, bytes: ascii('ftyp'), name: 'a video or audio file' },
  { offset: 0, bytes: [0x00, 0x00, 0x01, 0x00], name: 'an icon file' },
  { offset: 0, bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { offset: 0, bytes: ascii('BZh'), name: 'a bzip2 archive' },
  { offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'an xz archive' },
  { offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], name: 'a zstd archive' },
  { offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: 'a 7-Zip archive' },
  { offset: 0, bytes: ascii('Rar!'), name: 'a RAR archive' },
  { offset: 257, bytes: ascii('ustar'), name: 'a tar archive' },
  { offset: 0, bytes: ascii('ID3'), name: 'an MP3 audio file' },
  { offset: 0, bytes: ascii('OggS'), name: 'an Ogg audio file' },
  { offset: 0, bytes: ascii('fLaC'), name: 'a FLAC audio file' },
  { offset: 8, bytes: ascii('WAVE'), name: 'a WAV audio file' },
  { offset: 8, bytes: ascii('AVI '), name: 'an AVI video' },
  { offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3], name: 'a Matroska/WebM video' },
  { offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'a program (ELF executable)' },
  { offset: 0, bytes: ascii('MZ'), name: 'a Windows program' },
  { offset: 0, bytes: [0x78, 0x9f, 0x3e, 0x22], name: 'an Outlook winmail.dat (TNEF) file' },
  { offset: 0, bytes: ascii('{\\rtf'), name: 'an RTF document (save it as .docx or PDF)', textual: true },
  { offset: 0, bytes: ascii('%!PS'), name: 'a PostScript file', textual: true },
  { offset: 0, bytes: ascii('SQLite format 3'), name: 'an SQLite database' },
  { offset: 0, bytes: ascii('wOFF'), name: 'a web font' },
  { offset: 0, bytes: ascii('wOF2'), name: 'a web font' },
  { offset: 0, bytes: ascii('(This file must be converted with BinHex'), name: 'a BinHex-encoded Macintosh file', textual: true },
]

export function startsWithAt(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (bytes.length < offset + expected.length) return false
  return expected.every((byte, index) => bytes[offset + index] === byte)
}

export function matchUnsupportedSignature(bytes: Uint8Array, isBinary: boolean): string | null {
  // Textual formats may start after blank lines (BinHex attachments do).
  let lead = 0
  while (lead < 256 && (bytes[lead] === 0x0d || bytes[lead] === 0x0a || bytes[lead] === 0x20 || bytes[lead] === 0x09)) lead++
  const match = unsupportedSignatures.find((signature) =>
    signature.textual ? startsWithAt(bytes, lead + signature.offset, signature.bytes) : isBinary && startsWithAt(bytes, signature.offset, signature.bytes),
  )
  return match?.name ?? null
}
