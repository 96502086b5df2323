import { type QuestionRewriter, searchTexts } from './rewrite-question.ts'
import { type ModelUsage, noUsage } from '../models/model-usage.ts'
import { fuseRetrievals } from './fuse-retrievals.ts'
import type { HybridRetriever, RetrievalResult } from './hybrid-retriever.ts'
import type { Scope } from './scope.ts'

export interface PassageSearchDeps {
  retriever: HybridRetriever
  /** Null: the question is searched as asked (no model, or rewriting turned off). */
  rewriter: QuestionRewriter | null
  limit: number
  perDocument: number
}

export interface Searched {
  retrieved: RetrievalResult
  /** What the reformulations found, fused again into a follow-up's second search. */
  variants: RetrievalResult[]
  usage: ModelUsage
}

/**
 * Retrieval for a question: as asked, and, with a model, for each of its
 * reformulations, fused. The rewrite call runs while the question as asked
 * is being searched, so it costs the user only what it takes beyond that.
 */
export function createPassageSearch(deps: PassageSearchDeps) {
  const fuse = (asked: RetrievalResult, variants: readonly RetrievalResult[]) =>
    fuseRetrievals(asked, variants, { limit: deps.limit, perDocument: deps.perDocument })

  return {
    async search(scope: Scope, question: string, previous: string | null, signal?: AbortSignal): Promise<Searched> {
      if (!deps.rewriter) return { retrieved: await deps.retriever.retrieve(scope, question, deps.limit), variants: [], usage: noUsage }
      const pending = deps.rewriter.rewrite(question, previous, signal)
      // Awaited below; this only keeps a rejection during the search from going unhandled.
      pending.catch(() => undefined)
      const asked = await deps.retriever.retrieve(scope, question, deps.limit)
      const outcome = await pending
      const variants: RetrievalResult[] = []
      for (const text of outcome ? searchTexts(outcome.rewrite) : []) variants.push(await deps.retriever.retrieve(scope, text, deps.limit))
      return { retrieved: fuse(asked, variants), variants, usage: outcome?.usage ?? noUsage }
    },

    /** Another wording searched (a follow-up with the question before it), with the reformulations found before. */
    async again(scope: Scope, text: string, variants: readonly RetrievalResult[]): Promise<RetrievalResult> {
      return fuse(await deps.retriever.retrieve(scope, text, deps.limit), variants)
    },
  }
}

export type PassageSearch = ReturnType<typeof createPassageSearch>
