import { describe, expect, it } from 'vitest'
import { createSenderPolicy } from './sender-policy.ts'

describe('createSenderPolicy', () => {
  it('accepts everyone when no list is set', () => {
    const policy = createSenderPolicy([])
    expect(policy.open).toBe(true)
    expect(policy.allows('anyone@anywhere.example')).toBe(true)
  })

  it('accepts listed domains (and their subdomains) and listed addresses only', () => {
    const policy = createSenderPolicy(['example.com', 'jane@partner.org'])
    expect(policy.allows('Bob@Example.com')).toBe(true)
    expect(policy.allows('<bob@mail.example.com>')).toBe(true)
    expect(policy.allows('jane@partner.org')).toBe(true)
    expect(policy.allows('joe@partner.org')).toBe(false)
    expect(policy.allows('bob@notexample.com')).toBe(false)
    expect(policy.allows('bob@example.com.evil.net')).toBe(false)
  })

  it('refuses the null sender and garbage once a list is set', () => {
    const policy = createSenderPolicy(['example.com'])
    expect(policy.allows(null)).toBe(false)
    expect(policy.allows('')).toBe(false)
    expect(policy.allows('example.com')).toBe(false)
  })
})
