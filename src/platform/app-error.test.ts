import { describe, expect, it } from 'vitest'
import { AppError, toAppError } from './app-error.ts'

describe('AppError', () => {
  it('keeps code, cause and a retryable flag derived from the code', () => {
    const cause = new Error('socket hang up')
    const err = new AppError('provider_unavailable', 'Provider down', { cause })
    expect(err.code).toBe('provider_unavailable')
    expect(err.retryable).toBe(true)
    expect(err.cause).toBe(cause)
    expect(new AppError('encrypted', 'locked').retryable).toBe(false)
  })

  it('serialises without the cause or stack', () => {
    const err = new AppError('not_found', 'No such document', { cause: new Error('secret detail') })
    expect(JSON.stringify(err)).toBe('{"code":"not_found","message":"No such document"}')
  })

  it('wraps unknown throwables as internal errors', () => {
    const wrapped = toAppError(new TypeError('x is undefined'))
    expect(wrapped.code).toBe('internal')
    expect(wrapped.message).toBe('Unexpected error')
    expect(wrapped.cause).toBeInstanceOf(TypeError)
  })
})
