import { describeFailureLine } from '../shared/error-words.ts'

/** The CLI's words for each error code (adapters/shared/error-words.ts); the message already says the specifics. */
export function describeError(error: { code: string; message: string }): string {
  return describeFailureLine(error)
}
