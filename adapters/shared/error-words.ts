import { documentErrorCodes, type ErrorCode, isAppError } from '../../src/index.ts'
import { describeRateLimit } from './describe-rate-limit.ts'

/** How one platform shows text: its escaping, and how a file name is emphasised. */
export interface PlatformText {
  /** "I couldn't download *x* from Discord". */
  platform: string
  /** Makes the core's words safe to show (Slack: &, <, >). */
  escape(text: string): string
  /** A file name, emphasised and made safe. */
  fileName(name: string): string
}

/** A failure as stored with a document or carried by an AppError. */
export interface Failure {
  code: string
  message: string
  /** `stage: 'download'`: the file never arrived from the platform. */
  context?: Record<string, unknown>
}

/**
 * The words for each error code, for every adapter. `label` heads a line
 * where there is no sentence around it (the CLI's ingest table); `request`
 * is what a person is told when a question or command fails: fixed words, or
 * `message` for the core's own message (written for people), or `cannot`
 * for "I can't do that: <message>". Codes without words here get "something
 * went wrong on my side" and are logged by the adapter's error boundary.
 */
export const errorWords: Partial<Record<ErrorCode, { label?: string; request?: string }>> = {
  unsupported_type: { label: 'unsupported type', request: 'message' },
  too_large: { label: 'too large', request: 'message' },
  encrypted: { label: 'encrypted', request: 'message' },
  no_text: { label: 'no text', request: 'message' },
  garbled_text: { label: 'garbled text', request: 'message' },
  parse_failed: { label: 'unreadable', request: 'message' },
  parse_timeout: { label: 'took too long to read', request: 'message' },
  empty: { label: 'empty', request: 'message' },
  unreadable: { label: 'damaged', request: 'message' },
  invalid_input: { label: 'cannot read', request: 'cannot' },
  not_found: { label: 'not found', request: 'message' },
  unauthorized: { request: 'message' },
  provider_unavailable: { request: 'The answer service is not responding right now; please ask again in a minute.' },
  rate_limited: { request: 'I am answering too many questions at once; please ask again in a minute.' },
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`)
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * Why a shared file was not indexed: "I can't read *scan.pdf*: it has no text
 * layer." Core messages about documents are phrased "it …" so they read after
 * the name; a download refused for a missing scope (unauthorized) reads the same.
 */
export function describeFileFailure(filename: string, failure: Failure, text: PlatformText): string {
  const name = text.fileName(filename)
  const reason = sentence(text.escape(failure.message))
  if (failure.code === 'parse_timeout') return `I gave up reading ${name}: ${reason}`
  if (documentErrorCodes.has(failure.code) || failure.code === 'unauthorized') return `I can't read ${name}: ${reason}`
  if (failure.context?.stage === 'download') return `I couldn't download ${name} from ${text.platform}: ${reason} Please share it again.`
  return `I couldn't index ${name}: something went wrong on my side (it has been logged).`
}

/** Why a question or a command failed; never a raw exception message. */
export function describeRequestFailure(error: unknown, text: PlatformText): string {
  // Who asked too much and when to come back: the person, the workspace, or us at a provider.
  if (isAppError(error) && error.code === 'rate_limited') return text.escape(describeRateLimit(error))
  const words = isAppError(error) ? errorWords[error.code]?.request : undefined
  if (isAppError(error) && words === 'message') return capitalize(sentence(text.escape(error.message)))
  if (isAppError(error) && words === 'cannot') return `I can't do that: ${sentence(text.escape(error.message))}`
  return words ?? 'Something went wrong on my side; it has been logged. Please try again.'
}

/** One line without a sentence around it: "too large — it is larger than the 50 MB limit". */
export function describeFailureLine(failure: Failure): string {
  const label = errorWords[failure.code as ErrorCode]?.label
  return label ? `${label} — ${failure.message}` : failure.message
}
