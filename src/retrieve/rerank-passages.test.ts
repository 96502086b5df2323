import { describe, expect, it } from 'vitest'
import type { PassageEvidence } from './passage-evidence.ts'
import { secondStageScore } from './rerank-passages.ts'

const evidence = (overrides: Partial<PassageEvidence>): PassageEvidence => ({
  coverage: 0.5,
  focusCoverage: 0.5,
  anchorCoverage: 1,
  anchorsFound: new Set(),
  yearsFound: true,
  specificFound: true,
  countedNearNumber: true,
  specifierFound: true,
  onNamedPage: false,
  inNamedFile: false,
  ofNamedKind: false,
  sentenceCoverage: 0.4,
  typeMatch: true,
  typedFocus: 0,
  typedWithAskedWord: false,
  sentences: [],
  ...overrides,
})

describe('secondStageScore', () => {
  it('for a question expecting a figure, prefers the passage whose figure sits with what is asked', () => {
    // "how much heads-up to walk away": 120 days' notice to terminate, not 30 days' notice of an insurance cancellation.
    const termination = evidence({ typedFocus: 0.41 })
    const insurance = evidence({ typedFocus: 0.2 })
    expect(secondStageScore(0.9, termination, true)).toBeGreaterThan(secondStageScore(0.9, insurance, true))
    // The share of the fused score it can make up is small: a much weaker first-stage match stays behind.
    expect(secondStageScore(0.8, termination, true)).toBeLessThan(secondStageScore(1, insurance, true))
  })

  it('leaves questions that expect no figure as they were', () => {
    expect(secondStageScore(0.9, evidence({ typedFocus: 0.41 }), false)).toBe(secondStageScore(0.9, evidence({ typedFocus: 0 }), false))
  })
})
