import { describe, expect, it } from 'vitest'
import { trimReplyNoise } from './reply-noise.ts'

describe('trimReplyNoise', () => {
  it('cuts the signature after "-- "', () => {
    expect(trimReplyNoise('Meeting moved to 3pm.\n-- \nJane Doe\nACME Corp')).toBe('Meeting moved to 3pm.')
  })

  it('drops quoted lines and the "On … wrote:" line, keeping interleaved answers', () => {
    const text = 'Yes, Friday works.\n\nOn Mon, Jan 5, 2015 at 10:00 AM, Bob <bob@example.com>\nwrote:\n> Can we meet Friday?\n> Or Monday?\n\nAnd bring the report.'
    expect(trimReplyNoise(text)).toBe('Yes, Friday works.\n\n\nAnd bring the report.')
  })

  it('cuts an Outlook quoted history ("From: … Sent: …")', () => {
    const text = 'Hello\n\nFrom: xxx@example.org [mailto:xxx@example.org]\nSent: March-09-12 4:22 PM\nTo: Dan\nSubject: The manager\n\nOld text'
    expect(trimReplyNoise(text).trim()).toBe('Hello')
  })

  it('cuts at "-----Original Message-----"', () => {
    expect(trimReplyNoise('Agreed.\n-----Original Message-----\nFrom: a\nOld').trim()).toBe('Agreed.')
  })

  it('keeps a message that is only a quote, without the quote marks', () => {
    expect(trimReplyNoise('> The whole message\n> is quoted')).toBe('The whole message\nis quoted')
  })

  it('does not cut a body that merely starts with a "From:" line', () => {
    expect(trimReplyNoise('From: the desk of the CEO\nWe grew 10%.')).toBe('From: the desk of the CEO\nWe grew 10%.')
  })
})
