import { z } from 'zod'
import type { CachedAnswer } from './answer-cache.ts'

// Entries outlive deployments: one written by another version (or corrupted)
// must read as a miss, never as a malformed answer.
const citation = z.object({
  documentId: z.string(),
  title: z.string(),
  source: z.string(),
  page: z.number().nullable(),
  score: z.number(),
  snippet: z.string(),
  link: z.string().nullable(),
  sharedBy: z.string().nullable().optional(),
  sharedIn: z.string().nullable().optional(),
  sharedAt: z.string().optional(),
})

const cachedAnswer = z.object({
  answer: z.object({
    answer: z.string(),
    grounded: z.boolean(),
    citations: z.array(citation),
    cached: z.boolean(),
    latencyMs: z.number(),
    provider: z.string(),
  }),
  tokensIn: z.number().nonnegative(),
  tokensOut: z.number().nonnegative(),
})

export function encodeCachedAnswer(value: CachedAnswer): string {
  return JSON.stringify({ answer: value.answer, tokensIn: value.tokensIn, tokensOut: value.tokensOut })
}

export function decodeCachedAnswer(text: string): CachedAnswer | null {
  try {
    const parsed = cachedAnswer.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8')
