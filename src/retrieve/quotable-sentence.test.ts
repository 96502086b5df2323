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

  it("refuses a paper's title block of authors and affiliation marks, not a sentence naming people", () => {
    // The opening of the corpus's research article, as its PDF gives it.
    expect(
      isQuotable('Core mutations and response to treatment in Swedish patients with hepatitis C virus genotype 1 infection Erik Alestig1*, Birgitta Arnholm2 , Anders Eilard1 , Martin Lagging1 , Staffan Nilsson3 , Gunnar Norkrans1'),
    ).toBe(false)
    expect(isQuotable('The study was led by Erik Alestig, Birgitta Arnholm and Anders Eilard in 2010.')).toBe(true)
  })
})
