import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { parseDocx } from './docx-parser.ts'
import { inspectZip } from './docx-zip-guard.ts'

interface Entry {
  name: string
  data: Buffer
  /** Declared uncompressed size; defaults to the real one. */
  declaredSize?: number
}

/** A minimal ZIP writer (deflate, no CRC: the guard only reads the central directory). */
function buildZip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const compressed = deflateRawSync(entry.data)
    const size = entry.declaredSize ?? entry.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, compressed)
    centrals.push(central, name)
    offset += local.length + name.length + compressed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

describe('inspectZip', () => {
  it('lists the entries of a normal archive', async () => {
    const summary = await inspectZip(buildZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]))
    expect(summary.entryNames).toEqual(['word/document.xml'])
    expect(summary.uncompressedBytes).toBe(13)
  })

  it('refuses an archive that claims to unpack to more than 100 MB', async () => {
    const zip = buildZip([{ name: 'word/document.xml', data: Buffer.from('x'), declaredSize: 150 * 1024 * 1024 }])
    await expect(inspectZip(zip)).rejects.toMatchObject({ code: 'too_large', message: 'it unpacks to more than 100 MB' })
  })

  it('refuses a real decompression bomb by its compression ratio', async () => {
    const zip = buildZip([{ name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024) }])
    expect(zip.length).toBeLessThan(100 * 1024)
    await expect(inspectZip(zip)).rejects.toMatchObject({ code: 'too_large', message: expect.stringContaining('ZIP bomb') })
  })

  it('says parse_failed for a broken archive', async () => {
    const zip = buildZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }])
    await expect(inspectZip(zip.subarray(0, zip.length - 30))).rejects.toMatchObject({ code: 'parse_failed' })
  })
})

describe('parseDocx', () => {
  it('checks the archive before mammoth inflates anything', async () => {
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) },
    ])
    await expect(parseDocx(bomb)).rejects.toMatchObject({ code: 'too_large' })
  })

  it('never resolves external entities (XXE)', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    const docx = buildZip([
      {
        name: '[Content_Types].xml',
        data: Buffer.from(
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
      },
      {
        name: '_rels/.rels',
        data: Buffer.from(
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
      },
      { name: 'word/document.xml', data: Buffer.from(xml) },
    ])
    await expect(parseDocx(docx)).rejects.toMatchObject({
      code: 'parse_failed',
      message: 'it is damaged (its XML is malformed)',
      context: { detail: expect.stringContaining('entity') },
    })
  })
})
