import { documentErrorCodes, isAppError } from '../../src/errors/app-error.ts'
import { describeRateLimit } from '../shared/describe-rate-limit.ts'

/**
 * The adapter's one place that turns error codes into words for people. Core
 * messages about documents are phrased "it …" so they read after the file name.
 */
export function describeDocumentFailure(filename: string, error: { code: string; message: string }): string {
  const name = `*${escapeName(filename)}*`
  if (error.code === 'parse_timeout') return `I gave up reading ${name}: it ${error.message} to read.`
  if (documentErrorCodes.has(error.code)) return `I can't read ${name}: ${error.message}.`
  if (error.code === 'download_failed') return `I couldn't download ${name} from Discord: ${error.message}. Please share it again.`
  return `I couldn't index ${name}: something went wrong on my side (it has been logged).`
}

/** Words for a failed question or command; never a raw exception message. */
export function describeError(error: unknown): string {
  if (!isAppError(error)) return 'Something went wrong on my side; it has been logged. Please try again.'
  switch (error.code) {
    case 'invalid_input':
      return `I can't do that: ${error.message}.`
    case 'not_found':
    case 'unauthorized':
      return capitalize(`${error.message}.`)
    case 'rate_limited':
      return describeRateLimit(error)
    case 'provider_unavailable':
      return 'The answer service is busy or unavailable right now. Please try again in a minute.'
    default:
      return 'Something went wrong on my side; it has been logged. Please try again.'
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** File names go inside *…*: keep them from closing the emphasis or pinging anyone. */
export const escapeName = (name: string) => name.replace(/[*_`~|\\]/g, (c) => `\\${c}`).replace(/@/g, '@\u200b')
