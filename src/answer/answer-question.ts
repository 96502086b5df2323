import { performance } from 'node:perf_hooks'
import { type ModelUsage, noUsage } from '../models/model-usage.ts'
import { AppError } from '../platform/app-error.ts'
import type { AnswerCache, CachedAnswer } from '../platform/cache/answer-cache.ts'
import type { Logger } from '../platform/log/logger.ts'
import { type HybridRetriever, defaultRetrieverOptions } from '../retrieve/hybrid-retriever.ts'
import type { ModelReranker } from '../retrieve/rerank-with-model.ts'
import type { QuestionRewriter } from '../retrieve/rewrite-question.ts'
import type { Scope } from '../retrieve/scope.ts'
import { createPassageSearch } from '../retrieve/search-passages.ts'
import type { Orm } from '../store/db/database.ts'
import { workspaceIndexVersion } from '../store/index-version.ts'
import type { QueryLog } from '../store/query-log.ts'
import { parseChannel, parseWorkspaceKey } from '../store/workspace-key.ts'
import { findWorkspace } from '../store/workspace-store.ts'
import type { AnswerResult } from './answer-result.ts'
import { type AskOptions, type AskRequest, MAX_QUESTION_CHARS } from './ask-request.ts'
import { cachedAnswers } from './cached-answers.ts'
import { findPassages, rerankFound } from './find-passages.ts'
import type { GenerativeAnswerer } from './generative-answerer.ts'
import { type AnswerMeta, type Draft, type Written, declined, extractiveMeta, quoteAnswer, writeWithModels } from './write-answer.ts'

/** Passages an answer is written from (the gate judges these). */
export const ANSWER_FROM = 8
/** Stands in for a prompt version in cache keys of extractive answers. */
const EXTRACTIVE_VERSION = 'extractive-v1'

export interface AskDeps {
  orm: Orm
  queryLog: QueryLog
  retriever: HybridRetriever
  logger: Logger
  /** Null on the embedded default: answers are extractive. */
  generative: GenerativeAnswerer | null
  cache: AnswerCache
  /** With a model: rewrites the question into reformulations searched too (null or absent: searched as asked). */
  rewriter?: QuestionRewriter | null
  /** With a model: orders the best passages before answering (null or absent: the offline order). */
  reranker?: ModelReranker | null
}

/**
 * Answering one question, in named steps:
 * read it → find the scope → cached? → find passages (with the follow-up's
 * context) → cached by passages? → write the answer → remember and record.
 */
export function createAnswerQuestion(deps: AskDeps) {
  const rewriter = deps.rewriter ?? null
  const reranker = deps.reranker ?? null
  // The model reranks a deeper list than is answered from; the offline path retrieves what it answers from.
  const search = createPassageSearch({
    retriever: deps.retriever,
    rewriter,
    limit: reranker ? Math.max(ANSWER_FROM, reranker.depth) : ANSWER_FROM,
    perDocument: defaultRetrieverOptions.perDocument,
  })
  // The retrieval prompts change what is answered, so their versions are part of the cache key.
  const promptVersion = [deps.generative?.promptVersion ?? EXTRACTIVE_VERSION, rewriter?.version, reranker?.version].filter(Boolean).join('+')
  const providerChain = deps.generative?.providerChain ?? ['extractive']

  return async function answerQuestion(request: AskRequest, options: AskOptions = {}): Promise<AnswerResult> {
    const clock = startClock()
    const { question, channel } = readQuestion(request)

    const workspace = await findWorkspace(deps.orm, parseWorkspaceKey(request.workspace))
    // A workspace nobody has shared anything in yet is not an error: nothing answers (and nothing is recorded).
    if (!workspace) return clock.result(declined([]), extractiveMeta, false)
    const scope: Scope = { workspaceId: workspace.id, channel }
    const respond = (draft: Draft, meta: AnswerMeta, usage: ModelUsage, cached = false) =>
      record(scope, request, question, clock.result(draft, meta, cached), draft, withUsage(meta, usage))

    const cache = cachedAnswers(
      deps.cache,
      { question, workspaceId: workspace.id, channel, promptVersion, providerChain, history: request.history ?? [] },
      await workspaceIndexVersion(deps.orm, workspace.id),
    )
    const early = await cache.byQuestion()
    if (early) return respond(...served(early), noUsage, true)

    const previous = request.history?.at(-1)?.question ?? null
    let found = await findPassages(search, ANSWER_FROM, scope, question, previous, options.signal)
    clock.retrieved()
    // Weak matches are "not in the documents" before any model is asked: nothing to pay for, nothing to make up.
    if (found.passed.length === 0) return respond(declined(found.closest), extractiveMeta, found.usage)

    // With a model reranking, what it is given decides the answer too.
    const hit = await cache.byPassages(reranker ? found.retrieved.chunks : found.passed)
    if (hit) return respond(...served(hit), found.usage, true)
    if (reranker) {
      const reranked = await rerankFound(reranker, ANSWER_FROM, question, found, options.signal)
      found = reranked.found
      clock.providerTime(reranked.providerMs)
    }

    const written: Written = deps.generative
      ? await writeWithModels(
          deps.generative,
          deps.logger,
          { question, passed: found.passed, closest: found.closest, weighted: found.retrieved.question, history: request.history ?? [] },
          options,
        )
      : { draft: quoteAnswer(found.passed, found.retrieved.question), meta: extractiveMeta, cacheable: true, providerMs: 0 }
    clock.providerTime(written.providerMs)
    const result = await respond(written.draft, written.meta, found.usage)
    if (written.cacheable) await cache.remember({ answer: result, tokensIn: written.meta.tokensIn ?? 0, tokensOut: written.meta.tokensOut ?? 0 })
    return result

    function startClock() {
      const started = performance.now()
      let retrievalMs = 0
      let providerMs = 0
      return {
        retrieved: () => (retrievalMs = performance.now() - started),
        providerTime: (ms: number) => (providerMs += ms),
        result(draft: Draft, meta: AnswerMeta, cached: boolean): AnswerResult {
          const totalMs = performance.now() - started
          options.onTimings?.({ retrievalMs, providerMs, totalMs })
          return {
            answer: draft.answer,
            grounded: draft.grounded,
            citations: draft.citations,
            cached,
            latencyMs: Math.round(totalMs * 10) / 10,
            provider: meta.provider,
          }
        },
      }
    }
  }

  /** A cached answer as it is served again: its words and citations, with today's timing. */
  function served(hit: CachedAnswer): [Draft, AnswerMeta] {
    const meta = { provider: hit.answer.provider, model: null, promptVersion: deps.generative?.promptVersion ?? null, tokensIn: null, tokensOut: null }
    return [{ ...hit.answer, citedChunkIds: [] }, meta]
  }

  /** Writes the question to the query log; the answer matters more than its log line. */
  async function record(scope: Scope, request: AskRequest, question: string, answer: AnswerResult, draft: Draft, meta: AnswerMeta): Promise<AnswerResult> {
    try {
      const queryId = await deps.queryLog.record({
        workspaceId: scope.workspaceId,
        channel: scope.channel,
        asker: request.asker ?? null,
        question,
        answer: answer.answer,
        grounded: answer.grounded,
        sources: answer.citations.map((c) => ({ documentId: c.documentId, title: c.title, source: c.source, page: c.page })),
        citedChunkIds: draft.citedChunkIds,
        latencyMs: answer.latencyMs,
        cacheHit: answer.cached,
        ...meta,
      })
      return { ...answer, queryId }
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not record the query')
      return answer
    }
  }
}

/** The question as asked, whitespace collapsed; empty or overlong is the asker's error. */
function readQuestion(request: AskRequest): { question: string; channel: string | null } {
  const question = request.question.replace(/\s+/g, ' ').trim()
  if (question.length === 0) throw new AppError('invalid_input', 'the question is empty')
  if (question.length > MAX_QUESTION_CHARS) throw new AppError('invalid_input', `the question is longer than ${MAX_QUESTION_CHARS} characters`)
  return { question, channel: parseChannel(request.channel) }
}

/** The tokens of the rewrite and rerank calls count with the answer's, also when the answer then came from the cache. */
function withUsage(meta: AnswerMeta, usage: ModelUsage): AnswerMeta {
  if (usage.tokensIn === 0 && usage.tokensOut === 0) return meta
  return { ...meta, tokensIn: (meta.tokensIn ?? 0) + usage.tokensIn, tokensOut: (meta.tokensOut ?? 0) + usage.tokensOut }
}
