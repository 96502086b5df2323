import { type AppError, retryAfterOf } from '../../src/index.ts'

/**
 * Words for a `rate_limited` question in a chat: who asked too much (the
 * person, the whole workspace, or us at a model provider) and when to come back.
 */
export function describeRateLimit(error: AppError): string {
  const seconds = retryAfterOf(error)
  const when = seconds === null ? 'in a minute' : `in ${seconds} s`
  switch (error.context.scope) {
    case 'user':
      return `You've asked a lot in a short time — try again ${when}.`
    case 'workspace':
      return `This workspace has asked a lot in a short time — try again ${when}.`
    default:
      return `I am answering too many questions at once — please ask again ${when}.`
  }
}
