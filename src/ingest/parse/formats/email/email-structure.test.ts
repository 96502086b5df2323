import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusRoot } from '../../../../../tests/helpers/corpus.ts'
import { parseEmail } from './email-parser.ts'

const corpusMail = async (name: string) => parseEmail(new Uint8Array(await readFile(path.join(corpusRoot, 'email', name))))

describe('e-mail structure in the header paragraph', () => {
  it('names the kinds of attachments, not their file names', async () => {
    const document = await corpusMail('mixed-pdf-png-attachments.eml')
    const header = document.blocks[0]?.text ?? ''
    expect(header).toContain('Subject: Test Email with Multiple Attachments')
    expect(header).toContain('Attachments: PDF document, image')
    expect(document.parts.map((p) => p.mimeType)).toEqual(['application/pdf', 'image/png'])
  })

  it('says which script a legacy charset writes', async () => {
    const document = await corpusMail('windows-1251-redacted-bad-date.eml')
    expect(document.blocks[0]?.text).toContain('Encoding: windows-1251 (Cyrillic)')
  })

  it('says nothing of UTF-8 or a message without attachments', async () => {
    const document = await parseEmail(
      Buffer.from(['MIME-Version: 1.0', 'From: a@b.c', 'Subject: Plain', 'Content-Type: text/plain;', '\tcharset="utf-8"', '', 'Hello.'].join('\r\n')),
    )
    expect(document.blocks[0]?.text).toBe('From: a@b.c\nSubject: Plain')
  })

  it('reads a charset from a folded Content-Type header', async () => {
    const document = await parseEmail(
      Buffer.from(['MIME-Version: 1.0', 'From: a@b.c', 'Subject: Folded', 'Content-Type: text/plain;', '\tcharset="koi8-r"', '', 'Hello.'].join('\r\n')),
    )
    expect(document.blocks[0]?.text).toContain('Encoding: koi8-r (Cyrillic)')
  })
})
