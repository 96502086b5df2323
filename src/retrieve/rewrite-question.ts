import { LRUCache } from 'lru-cache'
import { z } from 'zod'
import { REWRITE_PROMPT_VERSION, renderRewritePrompt } from '../../prompts/rewrite-prompt.ts'
import { isAppError } from '../platform/app-error.ts'
import { modelLabel } from '../models/answer-model.ts'
import type { FallbackChain } from '../models/fallback-chain.ts'
import { modelJson } from '../models/model-json.ts'
import { type ModelUsage, noUsage, usageOf } from '../models/model-usage.ts'
import type { Logger } from '../platform/log/logger.ts'

export interface QuestionRewrite {
  /** Two or three rewordings of the whole question, in the documents' likely words. */
  reformulations: string[]
  /** Words and short phrases an answering passage would contain. */
  keywords: string[]
}

export interface RewriterSettings {
  chain: FallbackChain
  logger: Logger
  /** Rewrites kept in process (the same question asked in any workspace rewrites the same way); null keeps none. */
  cache: { maxEntries: number; ttlMs: number } | null
}

const MAX_REFORMULATIONS = 3
const MAX_KEYWORDS = 8
const MAX_TEXT_CHARS = 300
// Room to spare: models that think before replying (Gemini 2.5) count those tokens too.
const MAX_REWRITE_TOKENS = 800

const replySchema = z.object({
  reformulations: z.array(z.unknown()).optional(),
  keywords: z.array(z.unknown()).optional(),
})

/**
 * One model call turns a question into rewordings and keywords in the
 * documents' words ("walk away" → "terminate the agreement"), so retrieval can
 * find passages the question shares no word with. Any failure, timeout or
 * unreadable reply gives null: the question is then searched as asked.
 */
export function createQuestionRewriter(settings: RewriterSettings) {
  const providerChain = settings.chain.labels().join('>')
  const cache = settings.cache && settings.cache.maxEntries > 0 && settings.cache.ttlMs > 0
    ? new LRUCache<string, QuestionRewrite>({ max: settings.cache.maxEntries, ttl: settings.cache.ttlMs })
    : null

  return {
    version: REWRITE_PROMPT_VERSION,
    async rewrite(question: string, previous: string | null, signal?: AbortSignal): Promise<{ rewrite: QuestionRewrite; usage: ModelUsage } | null> {
      const key = [REWRITE_PROMPT_VERSION, providerChain, normalize(previous ?? ''), normalize(question)].join('\n')
      const known = cache?.get(key)
      if (known) return { rewrite: known, usage: noUsage }
      const prompt = renderRewritePrompt({ question, previous })
      let result: Awaited<ReturnType<FallbackChain['generate']>>
      try {
        result = await settings.chain.generate(
          { system: prompt.system, messages: prompt.messages, maxTokens: MAX_REWRITE_TOKENS },
          signal ? { signal } : {},
        )
      } catch (error) {
        if (signal?.aborted) throw error
        settings.logger.warn({ code: isAppError(error) ? error.code : 'unknown', err: error }, 'could not rewrite the question; searching it as asked')
        return null
      }
      const usage = usageOf(result.generation)
      const rewrite = parseRewrite(result.generation.text, question)
      if (!rewrite) {
        settings.logger.warn({ model: modelLabel(result.model), reply: result.generation.text.slice(0, 200) }, 'the question rewrite was not the JSON asked for; searching it as asked')
        return null
      }
      cache?.set(key, rewrite)
      return { rewrite, usage }
    },
  }
}

export type QuestionRewriter = ReturnType<typeof createQuestionRewriter>

/** The rewordings and keywords of a reply, cleaned; null when it holds neither. */
export function parseRewrite(text: string, question: string): QuestionRewrite | null {
  const parsed = replySchema.safeParse(modelJson(text))
  if (!parsed.success) return null
  const seen = new Set([normalize(question)])
  const clean = (values: readonly unknown[] | undefined, max: number) => {
    const kept: string[] = []
    for (const value of values ?? []) {
      if (typeof value !== 'string') continue
      const one = value.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT_CHARS)
      if (one.length === 0 || seen.has(normalize(one))) continue
      seen.add(normalize(one))
      kept.push(one)
      if (kept.length >= max) break
    }
    return kept
  }
  const reformulations = clean(parsed.data.reformulations, MAX_REFORMULATIONS)
  const keywords = clean(parsed.data.keywords, MAX_KEYWORDS)
  if (reformulations.length === 0 && keywords.length === 0) return null
  return { reformulations, keywords }
}

/** What retrieval runs besides the question: each rewording, then the keywords together. */
export function searchTexts(rewrite: QuestionRewrite): string[] {
  return [...rewrite.reformulations, ...(rewrite.keywords.length > 0 ? [rewrite.keywords.join(' ')] : [])]
}

const normalize = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
