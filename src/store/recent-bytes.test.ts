import { describe, expect, it } from 'vitest'
import { createRecentBytes } from './recent-bytes.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

describe('createRecentBytes', () => {
  it('hands each document’s bytes over once, as a copy the caller cannot change afterwards', () => {
    const recent = createRecentBytes(1024, 60_000)
    const original = bytes(1, 2, 3)
    recent.remember('a', original)
    original[0] = 9
    expect(recent.take('a')).toEqual(bytes(1, 2, 3))
    expect(recent.take('a')).toBeNull()
  })

  it('drops the oldest entries to stay within its budget, and keeps nothing larger than the budget', () => {
    const recent = createRecentBytes(4, 60_000)
    recent.remember('a', bytes(1, 2))
    recent.remember('b', bytes(3, 4))
    recent.remember('c', bytes(5, 6))
    recent.remember('huge', bytes(1, 2, 3, 4, 5))
    expect(recent.take('a')).toBeNull()
    expect(recent.take('huge')).toBeNull()
    expect(recent.take('b')).toEqual(bytes(3, 4))
    expect(recent.take('c')).toEqual(bytes(5, 6))
  })

  it('forgets a document whose content is being replaced, and keeps only the newest bytes of one id', () => {
    const recent = createRecentBytes(1024, 60_000)
    recent.remember('a', bytes(1))
    recent.forget('a')
    expect(recent.take('a')).toBeNull()
    recent.remember('b', bytes(1))
    recent.remember('b', bytes(2))
    expect(recent.take('b')).toEqual(bytes(2))
    expect(recent.take('b')).toBeNull()
  })

  it('drops entries older than its age limit', () => {
    const recent = createRecentBytes(1024, 0)
    recent.remember('a', bytes(1))
    const until = Date.now() + 5
    while (Date.now() < until) {
      // a few milliseconds pass
    }
    recent.remember('b', bytes(2))
    expect(recent.take('a')).toBeNull()
    expect(recent.take('b')).toEqual(bytes(2))
  })
})
