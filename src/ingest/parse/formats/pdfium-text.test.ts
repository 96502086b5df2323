import { describe, expect, it } from 'vitest'
import { readCorpus } from '../../../../tests/helpers/corpus.ts'
import { isAppError } from '../../../platform/app-error.ts'
import { extractWithPdfium } from './pdfium-text.ts'

const read = (name: string) => new Uint8Array(readCorpus(`pdf/${name}`))

describe('PDFium text', () => {
  it('reads the pages of a text PDF, in order', async () => {
    const text = await extractWithPdfium(read('sample-contract.pdf'))
    expect(text.pages.map((p) => p.num)).toEqual(Array.from({ length: text.total }, (_, i) => i + 1))
    const page3 = text.pages[2]?.text ?? ''
    expect(page3).toContain('CONSULTANT may terminate this Agreement')
    expect(page3).not.toContain('\r')
  })

  it('reads the Title from the document information', async () => {
    const text = await extractWithPdfium(read('dmca-summary-rc4-noUserPassword.pdf'))
    expect(text.title).toBe('The Digital Millennium Copyright Act of 1998')
  })

  it('joins a word hyphenated across a line end', async () => {
    const text = await extractWithPdfium(read('freeculture-lessig-2.6MB.pdf'))
    const all = text.pages.map((p) => p.text).join('\n')
    expect(all).toContain('Please purchase only authorized')
    expect(all).not.toContain('\uFFFE')
  })

  it('tells a password-protected PDF from a damaged one', async () => {
    const locked = await extractWithPdfium(read('encrypted-user-password-openpassword.pdf')).catch((e: unknown) => e)
    expect(isAppError(locked) && locked.code).toBe('encrypted')
    const broken = await extractWithPdfium(read('truncated-attachment-1KB.pdf')).catch((e: unknown) => e)
    expect(isAppError(broken) && broken.code).toBe('parse_failed')
  })
})
