import { describe, expect, it } from 'vitest'
import { timeAgo } from './time-ago.ts'

describe('timeAgo', () => {
  const now = Date.parse('2026-11-29T12:00:00Z')
  it.each([
    ['2026-11-29T11:59:30Z', 'just now'],
    ['2026-11-29T11:58:00Z', '2 minutes ago'],
    ['2026-11-29T11:00:00Z', '1 hour ago'],
    ['2026-11-27T12:00:00Z', '2 days ago'],
    ['2026-11-10T12:00:00Z', '2 weeks ago'],
    ['2026-08-20T12:00:00Z', '3 months ago'],
    ['2024-11-01T12:00:00Z', '2 years ago'],
    ['2026-11-30T12:00:00Z', 'just now'], // a clock ahead of ours is not "in the future"
  ])('%s is %s', (iso, words) => {
    expect(timeAgo(iso, now)).toBe(words)
  })
  it('says nothing about a date it cannot read', () => {
    expect(timeAgo('not a date', now)).toBeNull()
  })
})
