import { describe, expect, it } from 'vitest'
import { modelJson } from './model-json.ts'

describe('modelJson', () => {
  it('reads a bare object, a fenced one and one after a sentence', () => {
    expect(modelJson('{"order": [2, 1]}')).toEqual({ order: [2, 1] })
    expect(modelJson('```json\n{"order": [3]}\n```')).toEqual({ order: [3] })
    expect(modelJson('Here is the ranking: {"order": []} Hope it helps.')).toEqual({ order: [] })
  })

  it('gives null for prose, a truncated object and an array', () => {
    expect(modelJson('Not in the documents.')).toBeNull()
    expect(modelJson('{"order": [2, 1')).toBeNull()
    expect(modelJson('[1, 2]')).toBeNull()
  })
})
