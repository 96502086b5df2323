import { AppError } from '../../src/index.ts'
import { describe, expect, it } from 'vitest'
import { type PlatformText, describeFailureLine, describeFileFailure, describeRequestFailure } from './error-words.ts'

const html: PlatformText = { platform: 'Slack', escape: (t) => t.replace(/</g, '&lt;'), fileName: (n) => `*${n.replace(/</g, '&lt;')}*` }

describe('error words', () => {
  it('says why a file could not be read, after its name, escaped for the platform', () => {
    expect(describeFileFailure('scan<1>.pdf', { code: 'no_text', message: 'it has no text layer <scanned?>' }, html)).toBe(
      "I can't read *scan&lt;1>.pdf*: it has no text layer &lt;scanned?>.",
    )
    expect(describeFileFailure('big.pdf', { code: 'parse_timeout', message: 'it took longer than 30 s to read (it may be damaged or too complex)' }, html)).toBe(
      'I gave up reading *big.pdf*: it took longer than 30 s to read (it may be damaged or too complex).',
    )
  })

  it('tells a failed download apart from a failure on our side', () => {
    const expired = new AppError('provider_unavailable', 'its link has expired or is no longer valid', { context: { stage: 'download' } })
    expect(describeFileFailure('a.pdf', expired, { ...html, platform: 'Discord' })).toBe(
      "I couldn't download *a.pdf* from Discord: its link has expired or is no longer valid. Please share it again.",
    )
    expect(describeFileFailure('a.pdf', { code: 'provider_unavailable', message: 'embeddings down' }, html)).toBe(
      "I couldn't index *a.pdf*: something went wrong on my side (it has been logged).",
    )
  })

  it('words a failed question or command by its code, never with a raw exception message', () => {
    expect(describeRequestFailure(new AppError('invalid_input', 'the question is empty'), html)).toBe("I can't do that: the question is empty.")
    expect(describeRequestFailure(new AppError('not_found', 'no document called "x" is visible here'), html)).toBe('No document called "x" is visible here.')
    expect(describeRequestFailure(new AppError('rate_limited', 'openai answered 429'), html)).toMatch(/too many questions at once/)
    expect(describeRequestFailure(new AppError('internal', 'SQL state 23505'), html)).toBe('Something went wrong on my side; it has been logged. Please try again.')
    expect(describeRequestFailure(new TypeError('x is undefined'), html)).toBe('Something went wrong on my side; it has been logged. Please try again.')
  })

  it('puts an unreadable part into plain words, in a sentence and on a line', () => {
    const unreadable = { code: 'unreadable', message: 'it is labelled application/pdf, but its contents are neither that nor readable text (it is damaged or wrongly encoded)' }
    expect(describeFileFailure('contract.pdf', unreadable, html)).toBe(`I can't read *contract.pdf*: ${unreadable.message}.`)
    expect(describeFailureLine(unreadable)).toBe(`damaged — ${unreadable.message}`)
  })

  it('says a file outside the platform is refused, not that the download failed', () => {
    const foreign = new AppError('unsupported_type', 'it is not stored in Slack, and I can only read files stored in Slack', { context: { stage: 'origin' } })
    expect(describeFileFailure('admin.json', foreign, html)).toBe("I can't read *admin.json*: it is not stored in Slack, and I can only read files stored in Slack.")
  })

  it('gives the CLI a label before the message where the code has one', () => {
    expect(describeFailureLine({ code: 'encrypted', message: 'it is password-protected' })).toBe('encrypted — it is password-protected')
    expect(describeFailureLine({ code: 'provider_unavailable', message: 'the DocuQuery service did not answer' })).toBe('the DocuQuery service did not answer')
  })
})
