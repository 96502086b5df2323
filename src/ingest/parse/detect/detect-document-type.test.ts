import { describe, expect, it } from 'vitest'
import { readCorpusFile } from '../../../../tests/helpers/corpus.ts'
import { detectDocumentType } from './detect-document-type.ts'
const text = (value: string): Uint8Array => new TextEncoder().encode(value)
const detect = (bytes: Uint8Array, filename = 'file', mimeType?: string) =>
  detectDocumentType({ bytes, filename, ...(mimeType ? { mimeType } : {}) })
const utf16le = (value: string): Buffer => Buffer.from(value, 'utf16le')

describe('detectDocumentType', () => {
  it('finds %PDF at the start or after leading junk within the first 1 KB', () => {
    expect(detect(text('%PDF-1.7\n...'))).toBe('pdf')
    expect(detect(text(`${'x'.repeat(500)}%PDF-1.4\n`), 'scan.bin')).toBe('pdf')
    expect(detect(text(`${'x'.repeat(1100)}%PDF-1.4\n`), 'late.pdf')).toBe('text')
  })

  it('trusts bytes over the file name and declared type', () => {
    expect(detect(text('%PDF-1.4\n'), 'notes.txt', 'text/plain')).toBe('pdf')
    expect(() => detect(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'report.pdf', 'application/pdf')).toThrow(
      /PNG image/,
    )
  })

  it('fails as unreadable a part declared PDF or Word whose bytes are neither that nor clean text', () => {
    // What broken base64 decodes to: noise, mostly non-ASCII, not valid UTF-8.
    const noise = Buffer.from('4e18acc9e8b5b6ac7bae1ab5a965b617ac7a775eaeacb5e76de3c315ab2d7b1b4f0c59e84deae6b2b2e9edc22b617df475acac', 'hex')
    for (const type of ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword']) {
      expect(() => detect(noise, 'contract.pdf', type)).toThrow(expect.objectContaining({ code: 'unreadable', message: expect.stringContaining(`labelled ${type}`) }))
    }
    // Undeclared, or declared as text, the same noise is not judged by its label.
    expect(() => detect(noise, 'contract.pdf', 'text/plain')).not.toThrow(expect.objectContaining({ code: 'unreadable' }))
    // A mislabelled attachment that is clean text is still read.
    expect(detect(text('Payment is due within 30 days of the invoice.'), 'terms.pdf', 'application/pdf')).toBe('text')
  })

  it('tells a .docx from other ZIP files by its entries', async () => {
    expect(detect(await readCorpusFile('docx/headings-hierarchy.docx'))).toBe('docx')
    // A truncated .docx still shows its entry names: it is a docx, and fails later as damaged.
    expect(detect(await readCorpusFile('docx/corrupt-truncated-zip.docx'))).toBe('docx')
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....xl/workbook.xml....')])
    expect(() => detect(xlsx, 'book.xlsx')).toThrow(expect.objectContaining({ code: 'unsupported_type', message: expect.stringContaining('Excel') }))
    expect(() => detect(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toThrow(/ZIP archive/)
  })

  it('reports an OLE container holding an EncryptedPackage as encrypted', async () => {
    const bytes = await readCorpusFile('docx/encrypted-password-pass.docx')
    expect(() => detect(bytes, 'secret.docx')).toThrow(expect.objectContaining({ code: 'encrypted', message: 'it is password-protected' }))
  })

  it('refuses legacy Word .doc files with advice', () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), utf16le('WordDocument')])
    expect(() => detect(ole, 'old.doc')).toThrow(
      expect.objectContaining({ code: 'unsupported_type', message: 'legacy Word .doc files are not supported; save it as .docx or PDF' }),
    )
  })

  it('recognises e-mail from its headers, or from a .eml name with one header', () => {
    expect(detect(text('Received: from x\r\nFrom: a@b.c\r\nSubject: Hi\r\n\r\nBody'))).toBe('email')
    expect(detect(text('From someone@example.com Sun May  8 19:07:09 2005\nMessage-ID: <1@x>\nDate: Sun, 8 May 2005\n\nhi'))).toBe('email')
    expect(detect(text('Subject: =?NONE?Q?TEST?=\n\nTEST'), 'm.eml')).toBe('email')
    expect(detect(text('Subject: Meeting notes\n\nWe met.'), 'notes.txt')).toBe('text')
  })

  it('recognises HTML from its start, or from an .html name with tags', () => {
    expect(detect(text('\uFEFF<!DOCTYPE html><html><body>x</body></html>'))).toBe('html')
    expect(detect(text('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'))).toBe('html')
    expect(detect(text('<p>Hello</p>'), 'page.htm')).toBe('html')
    expect(detect(text('a < b and c > d'), 'page.html')).toBe('text')
  })

  it('recognises Markdown by name, front matter or headings; .txt stays text', () => {
    expect(detect(text('plain words'), 'README.md')).toBe('markdown')
    expect(detect(text('---\ntitle: Leave\n---\n\nBody'))).toBe('markdown')
    expect(detect(text('# Title\n\nText\n\n## Part\n\nMore'))).toBe('markdown')
    expect(detect(text('# Title\n\nText\n\n## Part\n\nMore'), 'notes.txt')).toBe('text')
  })

  it('reads plain text in any charset, including UTF-16 with a BOM', () => {
    expect(detect(Buffer.from('Die Hasen und die Fr\xf6sche\r\n', 'latin1'))).toBe('text')
    expect(detect(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('Hello there')]))).toBe('text')
  })

  it('says empty for zero bytes and for whitespace only', () => {
    expect(() => detect(new Uint8Array())).toThrow(expect.objectContaining({ code: 'empty' }))
    expect(() => detect(text(' \r\n\t\f\n'))).toThrow(expect.objectContaining({ code: 'empty' }))
  })

  it.each([
    [[0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JPEG image'],
    [[0x1f, 0x8b, 0x08, 0, 0, 0], 'gzip archive'],
    [[0x78, 0x9f, 0x3e, 0x22, 0, 1], 'winmail.dat'],
    [[0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 'program'],
    [[0x00, 0x01, 0x02, 0x03, 0x04, 0x05], 'binary file'],
  ])('names binaries it refuses (%j)', (bytes, name) => {
    expect(() => detect(Buffer.from(bytes))).toThrow(expect.objectContaining({ code: 'unsupported_type', message: expect.stringContaining(name) }))
  })

  it('refuses text-shaped containers: RTF, BinHex and base64 blobs', () => {
    expect(() => detect(text('{\\rtf1\\ansi hello}'))).toThrow(/RTF/)
    expect(() => detect(text('\r\n(This file must be converted with BinHex 4.0)\r\n:%dKKF'))).toThrow(/BinHex/)
    expect(() => detect(text(`${'JVBERi0xLjMNCiXi48/TDQoxIDAgb2JqDQo8PA0KL1R5cGUgL0NhdGFsb2cNCi9PdXRs'.repeat(3)}\n`), 'test.pdf')).toThrow(/base64/)
  })

  it('does not mistake text that starts like a short magic number for a binary', () => {
    expect(detect(text('BMW sales report for 2024'))).toBe('text')
    expect(detect(text('MZ was here'))).toBe('text')
  })
})
