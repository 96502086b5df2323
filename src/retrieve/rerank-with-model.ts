import { RERANK_PROMPT_VERSION, renderRerankPrompt } from '../../prompts/rerank-prompt.ts'
import { isAppError } from '../platform/app-error.ts'
import { modelLabel } from '../models/answer-model.ts'
import type { FallbackChain } from '../models/fallback-chain.ts'
import { modelJson } from '../models/model-json.ts'
import { type ModelUsage, noUsage, usageOf } from '../models/model-usage.ts'
import type { Logger } from '../platform/log/logger.ts'
import type { RetrievedChunk } from './hybrid-retriever.ts'

export interface ModelRerankerSettings {
  chain: FallbackChain
  logger: Logger
  /** Passages the model orders (the best of the offline ranking). */
  depth: number
}

// Twenty ids need about sixty tokens; the rest is room for models that think before replying.
const MAX_RERANK_TOKENS = 500

/**
 * One model call orders the best passages by how well each answers the
 * question, reading them as a whole (who does what, which period), which
 * word statistics cannot. Passages it leaves out follow in their offline
 * order; any failure, timeout or unreadable reply keeps the offline order
 * (`applied: false`).
 */
export function createModelReranker(settings: ModelRerankerSettings) {
  return {
    version: RERANK_PROMPT_VERSION,
    depth: settings.depth,
    async rerank<T extends RetrievedChunk>(question: string, passages: readonly T[], signal?: AbortSignal): Promise<{ passages: T[]; usage: ModelUsage; applied: boolean }> {
      const given = passages.slice(0, settings.depth)
      const rest = passages.slice(settings.depth)
      if (given.length < 2) return { passages: [...passages], usage: noUsage, applied: false }
      const prompt = renderRerankPrompt({
        question,
        passages: given.map((p, i) => ({ id: i + 1, title: p.title, page: p.page, text: p.text })),
      })
      let result: Awaited<ReturnType<FallbackChain['generate']>>
      try {
        result = await settings.chain.generate({ system: prompt.system, messages: prompt.messages, maxTokens: MAX_RERANK_TOKENS }, signal ? { signal } : {})
      } catch (error) {
        if (signal?.aborted) throw error
        settings.logger.warn({ code: isAppError(error) ? error.code : 'unknown', err: error }, 'could not rerank the passages with a model; keeping the offline order')
        return { passages: [...passages], usage: noUsage, applied: false }
      }
      const usage = usageOf(result.generation)
      const ids = parseOrdering(result.generation.text, given.length)
      if (ids === null) {
        settings.logger.warn({ model: modelLabel(result.model), reply: result.generation.text.slice(0, 200) }, 'the passage ranking was not the JSON asked for; keeping the offline order')
        return { passages: [...passages], usage, applied: false }
      }
      return { passages: [...applyOrdering(given, ids), ...rest], usage, applied: ids.length > 0 }
    },
  }
}

export type ModelReranker = ReturnType<typeof createModelReranker>

/** The valid passage ids (1..count) of a reply, in order, each once; null when the reply is not `{"order": [...]}`. */
export function parseOrdering(text: string, count: number): number[] | null {
  const reply = modelJson(text)
  if (reply === null || typeof reply !== 'object' || !('order' in reply) || !Array.isArray(reply.order)) return null
  const ids: number[] = []
  for (const value of reply.order as unknown[]) {
    const id = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/^\s*(?:id\s*)?/i, '')) : Number.NaN
    if (Number.isInteger(id) && id >= 1 && id <= count && !ids.includes(id)) ids.push(id)
  }
  return ids
}

/** The passages the model named (1-based ids) in its order, then every other one in the order it had. */
export function applyOrdering<T>(passages: readonly T[], ids: readonly number[]): T[] {
  const named = ids.map((id) => passages[id - 1]).filter((p): p is T => p !== undefined)
  return [...named, ...passages.filter((p) => !named.includes(p))]
}
