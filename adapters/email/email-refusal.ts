import { AppError, type ErrorCode, isAppError } from '../../src/errors/app-error.ts'

/** Why a message was not accepted; each reason has its SMTP reply and HTTP status. */
export type RefusalReason = 'sender' | 'recipient' | 'size' | 'malformed' | 'temporary'

const replies: Record<RefusalReason, { smtp: number; enhanced: string; http: 400 | 403 | 404 | 413 | 503; code: ErrorCode }> = {
  sender: { smtp: 550, enhanced: '5.7.1', http: 403, code: 'unauthorized' },
  recipient: { smtp: 550, enhanced: '5.1.1', http: 404, code: 'not_found' },
  size: { smtp: 552, enhanced: '5.3.4', http: 413, code: 'too_large' },
  malformed: { smtp: 554, enhanced: '5.6.0', http: 400, code: 'invalid_input' },
  // 4xx: the sender's server keeps the message and tries again later.
  temporary: { smtp: 451, enhanced: '4.3.0', http: 503, code: 'internal' },
}

export class EmailRefusal extends AppError {
  readonly reason: RefusalReason

  constructor(reason: RefusalReason, message: string, options: { cause?: unknown } = {}) {
    super(replies[reason].code, message, { ...options, retryable: reason === 'temporary' })
    this.name = 'EmailRefusal'
    this.reason = reason
  }

  get smtpCode(): number {
    return replies[this.reason].smtp
  }

  /** The reply text after the code: enhanced status, then words for the sender. */
  get smtpText(): string {
    return `${replies[this.reason].enhanced} ${this.message}`
  }

  get httpStatus(): 400 | 403 | 404 | 413 | 503 {
    return replies[this.reason].http
  }
}

/**
 * Anything that is not already a refusal: a database or other failure, so the
 * message was not recorded and the sender should try again.
 */
export function asRefusal(error: unknown): EmailRefusal {
  if (error instanceof EmailRefusal) return error
  if (isAppError(error) && !error.retryable && error.code !== 'internal') return new EmailRefusal('malformed', error.message, { cause: error })
  return new EmailRefusal('temporary', 'the message could not be stored just now; please try again later', { cause: error })
}
