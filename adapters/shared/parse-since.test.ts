import { describe, expect, it } from 'vitest'
import { parseSince } from './parse-since.ts'

const now = new Date('2026-11-29T12:00:00Z')

describe('parseSince', () => {
  it('reads spans in minutes, hours, days and weeks', () => {
    expect(parseSince('30m', now).toISOString()).toBe('2026-11-29T11:30:00.000Z')
    expect(parseSince('12h', now).toISOString()).toBe('2026-11-29T00:00:00.000Z')
    expect(parseSince('7d', now).toISOString()).toBe('2026-11-22T12:00:00.000Z')
    expect(parseSince('2W', now).toISOString()).toBe('2026-11-15T12:00:00.000Z')
  })

  it('reads a date', () => {
    expect(parseSince('2026-11-01', now).toISOString()).toBe('2026-11-01T00:00:00.000Z')
  })

  it('refuses anything else with words a person understands', () => {
    expect(() => parseSince('last week', now)).toThrow(/not a time span/)
    expect(() => parseSince('7y', now)).toThrow(/not a time span/)
    expect(() => parseSince('2026-13-45', now)).toThrow(/not a time span/)
  })
})
