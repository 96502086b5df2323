import type { Generation } from './answer-model.ts'

/** Tokens spent on the calls that helped find the passages, added to the query's recorded tokens. */
export interface ModelUsage {
  tokensIn: number
  tokensOut: number
}

export const noUsage: ModelUsage = { tokensIn: 0, tokensOut: 0 }

export const usageOf = (generation: Generation): ModelUsage => ({ tokensIn: generation.tokensIn ?? 0, tokensOut: generation.tokensOut ?? 0 })

export const addUsage = (a: ModelUsage, b: ModelUsage): ModelUsage => ({ tokensIn: a.tokensIn + b.tokensIn, tokensOut: a.tokensOut + b.tokensOut })
