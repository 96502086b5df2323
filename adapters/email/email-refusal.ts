import { AppError, type ErrorCode, isAppError } from '../../src/index.ts'

/** Why a message was not accepted; each reason has its SMTP reply and HTTP status. */
export type RefusalReason = 'sender' | 'recipient' | 'size' | 'malformed' | 'unauthenticated' | 'auth_unavailable' | 'temporary'

const replies: Record<RefusalReason, { smtp: number; enhanced: string; http: 400 | 403 | 404 | 413 | 503; code: ErrorCode }> = {
  sender: { smtp: 550, enhanced: '5.7.1', http: 403, code: 'unauthorized' },
  recipient: { smtp: 550, enhanced: '5.1.1', http: 404, code: 'not_found' },
  size: { smtp: 552, enhanced: '5.3.4', http: 413, code: 'too_large' },
  malformed: { smtp: 554, enhanced: '5.6.0', http: 400, code: 'invalid_input' },
  // RFC 7372: 5.7.22 no valid author-matched DKIM signature; 5.7.26 (DMARC) passed in by the check.
  unauthenticated: { smtp: 550, enhanced: '5.7.22', http: 403, code: 'unauthorized' },
  // The sender's DNS did not answer: not the sender's fault, so they try again.
  auth_unavailable: { smtp: 451, enhanced: '4.4.3', http: 503, code: 'provider_unavailable' },
  // 4xx: the sender's server keeps the message and tries again later.
  temporary: { smtp: 451, enhanced: '4.3.0', http: 503, code: 'internal' },
}

export class EmailRefusal extends AppError {
  readonly reason: RefusalReason
  private readonly enhanced: string

  constructor(reason: RefusalReason, message: string, options: { cause?: unknown; enhanced?: string } = {}) {
    super(replies[reason].code, message, {
      ...(options.cause !== undefined ? { cause: options.cause } : {}),
      retryable: reason === 'temporary' || reason === 'auth_unavailable',
    })
    this.name = 'EmailRefusal'
    this.reason = reason
    this.enhanced = options.enhanced ?? replies[reason].enhanced
  }

  get smtpCode(): number {
    return replies[this.reason].smtp
  }

  /** The reply text after the code: enhanced status, then words for the sender. */
  get smtpText(): string {
    return `${this.enhanced} ${this.message}`
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
