import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { corpusPath, readCorpusFile as read, repoRoot } from '../../../tests/helpers/corpus.ts'
import { AppError } from '../../platform/app-error.ts'
import { createDocumentParser } from './index.ts'
import { parseTimeLimit } from './parse-time-limit.ts'

const parser = createDocumentParser({ maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000, poolSize: 1 })
afterAll(() => parser.close())

describe('createDocumentParser', () => {
  it('parses in a worker thread and keeps page numbers', async () => {
    const document = await parser.parse({ bytes: await read('pdf/pdftex-minimal.pdf'), filename: 'pdftex-minimal.pdf' })
    expect(document.kind).toBe('pdf')
    expect(document.pages).toBe(1)
    expect(document.blocks[0]).toMatchObject({ type: 'paragraph', page: 1 })
    expect(document.blocks[0]?.text).toContain('Lorem ipsum dolor sit amet')
  })

  it('leaves the caller’s bytes usable', async () => {
    const bytes = new Uint8Array(await read('text/plain/german-fable-iso-8859-1-crlf.txt'))
    await parser.parse({ bytes, filename: 'fable.txt' })
    expect(bytes.byteLength).toBe(747)
  })

  it('brings worker errors back as AppError with their code and message', async () => {
    const error = await parser
      .parse({ bytes: await read('pdf/encrypted-user-password-openpassword.pdf'), filename: 'locked.pdf' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'encrypted', message: 'it is password-protected', retryable: false })
  })

  it('returns e-mail parts as bytes', async () => {
    const document = await parser.parse({ bytes: await read('email/gmail-docx-attachment.eml'), filename: 'm.eml' })
    const part = document.parts[0]
    expect(part?.filename).toBe('DockMcWordface.docx')
    expect(part?.bytes).toBeInstanceOf(Uint8Array)
    expect(part?.bytes.byteLength).toBe(4272)
  })

  it('refuses a file over maxBytes before parsing it', async () => {
    const small = createDocumentParser({ maxBytes: 1024, timeoutMs: 5_000, poolSize: 1 })
    try {
      await expect(small.parse({ bytes: new Uint8Array(2048).fill(65), filename: 'a.txt' })).rejects.toMatchObject({
        code: 'too_large',
        message: 'it is larger than the 1 KB limit',
      })
    } finally {
      await small.close()
    }
  })

  it('kills a parse that runs past the time limit, then keeps working', async () => {
    const hurried = createDocumentParser({ maxBytes: 20 * 1024 * 1024, timeoutMs: 20, poolSize: 1 })
    try {
      const book = await read('pdf/freeculture-lessig-2.6MB.pdf')
      await expect(hurried.parse({ bytes: book, filename: 'book.pdf' })).rejects.toMatchObject({
        code: 'parse_timeout',
        retryable: false,
      })
      const next = await hurried.parse({ bytes: new TextEncoder().encode('still here'), filename: 'a.txt' })
      expect(next.blocks[0]?.text).toBe('still here')
    } finally {
      await hurried.close()
    }
  })

  it('tries a timed-out parse once more, with more time, only when the machine was busy; says it took too long, not that it is damaged', async () => {
    const book = await read('pdf/freeculture-lessig-2.6MB.pdf')
    for (const busy of [false, true]) {
      const hurried = createDocumentParser({ maxBytes: 20 * 1024 * 1024, timeoutMs: 50, poolSize: 1, isBusy: () => busy })
      try {
        const error = await hurried.parse({ bytes: book, filename: 'book.pdf' }).catch((e: unknown) => e)
        expect(error).toMatchObject({ code: 'parse_timeout', context: { attempts: busy ? 2 : 1 } })
        expect((error as Error).message).toMatch(/^it took too long to read \(stopped after /)
        expect((error as Error).message).not.toMatch(/damaged/)
      } finally {
        await hurried.close()
      }
    }
  })

  it('gives larger files more time: half the base limit per megabyte', () => {
    expect(parseTimeLimit(0, 30_000)).toBe(30_000)
    expect(parseTimeLimit(2 * 1024 * 1024, 30_000)).toBe(60_000)
  })

  it('fails fast instead of hanging on the PDF that made pdf-parse 1.1.1 spin', async () => {
    // pdf-parse 2.x (pdf.js 5) rejects this file at once; the timeout above stays as the safety net.
    const error = await parser
      .parse({ bytes: await read('pdf/malformed-hangs-pdf-parse.pdf'), filename: 'hang.pdf' })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'parse_failed' })
  })

  it('rejects parse after close', async () => {
    const closing = createDocumentParser({ maxBytes: 1024, timeoutMs: 1_000, poolSize: 1 })
    await closing.close()
    await expect(closing.parse({ bytes: new Uint8Array([65]), filename: 'a.txt' })).rejects.toBeInstanceOf(AppError)
  })

  it('starts its workers under `node --import tsx` as in production', async () => {
    const script = path.join(repoRoot, 'src/ingest/parse/worker/fixtures/parse-file.ts')
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', script, corpusPath('text/plain/german-fable-iso-8859-1-crlf.txt')],
      { cwd: repoRoot, timeout: 30_000 },
    )
    const output: unknown = JSON.parse(stdout)
    expect(output).toMatchObject({ kind: 'text', text: expect.stringContaining('Die Hasen und die Frösche') })
  })
})
