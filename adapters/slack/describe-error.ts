import { type ErrorCode, documentErrorCodes, isAppError } from '../../src/errors/app-error.ts'
import { describeRateLimit } from '../shared/describe-rate-limit.ts'
import { escapeMrkdwn } from './format.ts'

// A download Slack refused (missing scope) is explained in the same "it …" words.
const readsAfterName = (code: string) => documentErrorCodes.has(code) || code === 'unauthorized'

/** Why a shared file was not indexed, in words: "I can't read *scan.pdf*: it has no text layer (…)". */
export function describeFileError(filename: string, error: { code: string; message: string }): string {
  const reason = readsAfterName(error.code) ? error.message : 'something went wrong on my side while reading it (it has been logged)'
  return `I can't read *${escapeMrkdwn(filename)}*: ${escapeMrkdwn(reason)}`
}

const questionWords: Partial<Record<ErrorCode, string>> = {
  invalid_input: '', // the message says what was wrong with the question
  provider_unavailable: 'The answer service is not responding right now; please ask again in a minute.',
  not_found: '',
}

/** The one place an unexpected failure while answering becomes words for the channel. */
export function describeAskError(error: unknown): string {
  if (isAppError(error)) {
    if (error.code === 'rate_limited') return escapeMrkdwn(describeRateLimit(error))
    const words = questionWords[error.code]
    if (words === '') return `I can't answer that: ${escapeMrkdwn(error.message)}.`
    if (words) return words
  }
  return 'Something went wrong on my side while answering; it has been logged. Please try again.'
}
