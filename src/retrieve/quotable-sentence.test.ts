import { describe, expect, it } from 'vitest'
import { isQuotable } from './quotable-sentence.ts'

describe('isQuotable', () => {
  it('accepts a sentence that reads on its own', () => {
    expect(isQuotable('CONSULTANT personnel shall wear hard hats and safety vests at all times.')).toBe(true)
  })

  it('refuses header lines, encoding tables, scaffolding and signatures', () => {
    expect(isQuotable('From: Ryan Finnie <r@example.com> Date: 2003-10-24 Subject: plain jane message')).toBe(false)
    expect(isQuotable('0 A 17 R 34 i 51 z 1 B 18 S 35 j 52 0 2 C 19 T 36 k 53 1 3 D')).toBe(false)
    expect(isQuotable('Region | 2024 Sales | Total Q1 | Q2 | Q3')).toBe(false)
    expect(isQuotable('__________(CONSULTANT)_______________ Project Manager')).toBe(false)
    expect(isQuotable('Sent from my iPhone and other devices')).toBe(false)
  })
})
