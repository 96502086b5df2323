import { performance } from 'node:perf_hooks'
import type { AnswerResult, Citation } from './answer-result.ts'
import { answerExtractively, toCitation } from './extractive-answerer.ts'
import type { GenerativeAnswerer } from './generative-answerer.ts'
import { type GatedChunk, applyRelevanceGate } from './relevance-gate.ts'
import type { Orm } from '../store/db/database.ts'
import type { QueryLog, QueryRecord } from '../store/query-log.ts'
import { AppError } from '../platform/app-error.ts'
import type { Logger } from '../platform/log/logger.ts'
import type { HybridRetriever } from '../retrieve/hybrid-retriever.ts'
import { parseChannel, parseWorkspaceKey } from '../store/workspace-key.ts'
import { findWorkspace } from '../store/workspace-store.ts'
import { type AskOptions, type AskRequest, MAX_QUESTION_CHARS } from './ask-request.ts'
import { throttleText } from './throttle-text.ts'
import type { AnswerCache, CachedAnswer } from '../platform/cache/answer-cache.ts'
import { workspaceIndexVersion } from '../store/index-version.ts'
import { answerCacheKey } from '../platform/cache/answer-cache-key.ts'
import type { ModelReranker } from '../retrieve/rerank-with-model.ts'
import type { QuestionRewriter } from '../retrieve/rewrite-question.ts'
import { type ModelUsage, addUsage, noUsage } from '../models/model-usage.ts'
import { defaultRetrieverOptions } from '../retrieve/hybrid-retriever.ts'
import { createPassageSearch } from '../retrieve/search-passages.ts'

const RETRIEVE = 8
const CLOSEST_SHOWN = 3
const STREAM_INTERVAL_MS = 250

export const notFoundAnswer = "I couldn't find an answer to that in the documents shared here."
export const generationUnavailableNote =
  'Answer generation is unavailable right now, so here are the passages that answer it most closely:'

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

/** Stands in for a prompt version in cache keys of extractive answers. */
const EXTRACTIVE_VERSION = 'extractive-v1'

/** What the queries table records besides the answer. */
interface AnswerMeta {
  provider: string
  model: string | null
  promptVersion: string | null
  tokensIn: number | null
  tokensOut: number | null
}

const extractiveMeta: AnswerMeta = { provider: 'extractive', model: null, promptVersion: null, tokensIn: null, tokensOut: null }

interface Draft {
  answer: string
  grounded: boolean
  citations: Citation[]
  citedChunkIds: number[]
}

export function createAnswerQuestion(deps: AskDeps) {
  const rewriter = deps.rewriter ?? null
  const reranker = deps.reranker ?? null
  // The model reranks a deeper list than is answered from; the offline path retrieves what it answers from.
  const search = createPassageSearch({
    retriever: deps.retriever,
    rewriter,
    limit: reranker ? Math.max(RETRIEVE, reranker.depth) : RETRIEVE,
    perDocument: defaultRetrieverOptions.perDocument,
  })
  // The retrieval prompts change what is answered, so their versions are part of the cache key.
  const promptVersion = [deps.generative?.promptVersion ?? EXTRACTIVE_VERSION, rewriter?.version, reranker?.version].filter(Boolean).join('+')

  return async function answerQuestion(request: AskRequest, options: AskOptions = {}): Promise<AnswerResult> {
    const started = performance.now()
    let retrievalMs = 0
    let providerMs = 0
    /** Tokens of the calls that helped find the passages. */
    let searchUsage: ModelUsage = noUsage
    const question = request.question.replace(/\s+/g, ' ').trim()
    if (question.length === 0) throw new AppError('invalid_input', 'the question is empty')
    if (question.length > MAX_QUESTION_CHARS) {
      throw new AppError('invalid_input', `the question is longer than ${MAX_QUESTION_CHARS} characters`)
    }
    const channel = parseChannel(request.channel)
    const workspace = await findWorkspace(deps.orm, parseWorkspaceKey(request.workspace))
    // A workspace nobody has shared anything in yet is not an error: nothing answers.
    if (!workspace) return finish(notGrounded([]), extractiveMeta, null)

    // First look: the question as asked against the workspace as it is now.
    // A hit skips retrieval too; that is what makes it a few milliseconds.
    const keyBase = {
      question,
      workspaceId: workspace.id,
      channel,
      promptVersion,
      providerChain: deps.generative?.providerChain ?? ['extractive'],
      history: request.history ?? [],
    }
    const questionKey = answerCacheKey({ ...keyBase, indexVersion: await workspaceIndexVersion(deps.orm, workspace.id) })
    const early = await deps.cache.get(questionKey, { countMiss: false })
    if (early) return served(early, workspace.id)

    const scope = { workspaceId: workspace.id, channel }
    const previous = request.history?.at(-1)?.question
    const searched = await search.search(scope, question, previous ?? null, options.signal)
    searchUsage = searched.usage
    let retrieved = searched.retrieved
    // With a model reranking, retrieval went deeper: the offline answer is still built from the first few.
    const gateTop = (result: typeof retrieved) => applyRelevanceGate(result.chunks.slice(0, RETRIEVE), result.question)
    let { passed, closest } = gateTop(retrieved)
    // A follow-up ("and for contractors?") may lean on the question before it:
    // when it finds nothing on its own, search again with both.
    if (passed.length === 0 && previous) {
      retrieved = await search.again(scope, `${previous} ${question}`, searched.variants)
      ;({ passed, closest } = gateTop(retrieved))
    }
    retrievalMs = performance.now() - started
    const closestShown = () => closest.filter((c) => c.relevance > 0).slice(0, CLOSEST_SHOWN).map((c) => toCitation(c))
    // Weak matches are "not in the documents" before any model is asked: nothing to pay for, nothing to make up.
    if (passed.length === 0) return finish(notGrounded(closestShown()), extractiveMeta, workspace.id)

    // Second look: the same passages retrieved for a question worded alike, or
    // after an unrelated document changed the workspace.
    // With a model reranking, what it is given decides the answer too.
    const keyed = reranker ? retrieved.chunks : passed
    const passagesKey = answerCacheKey({ ...keyBase, chunks: keyed.map((c) => ({ id: c.chunkId, contentHash: c.contentHash })) })
    const hit = await deps.cache.get(passagesKey)
    if (hit) {
      await deps.cache.set(questionKey, hit)
      return served(hit, workspace.id)
    }
    if (reranker) {
      const rerankStarted = performance.now()
      const reranked = await reranker.rerank(question, retrieved.chunks, options.signal)
      providerMs += performance.now() - rerankStarted
      searchUsage = addUsage(searchUsage, reranked.usage)
      // The gate still decides; if it finds nothing in the model's choice, the offline choice stands.
      const gated = reranked.applied ? applyRelevanceGate(reranked.passages.slice(0, RETRIEVE), retrieved.question) : null
      if (gated && gated.passed.length > 0) ({ passed, closest } = gated)
    }
    const remember = async (result: AnswerResult, meta: AnswerMeta) => {
      const entry = { answer: result, tokensIn: meta.tokensIn ?? 0, tokensOut: meta.tokensOut ?? 0 }
      await deps.cache.set(passagesKey, entry)
      await deps.cache.set(questionKey, entry)
      return result
    }

    if (deps.generative) {
      const stream = options.onText ? throttleText(options.onText, STREAM_INTERVAL_MS) : null
      const outcome = await deps.generative.generate(question, passed, request.history ?? [], {
        ...(stream ? { onText: (text: string) => stream.push(text) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      })
      stream?.cancel()
      providerMs += outcome.providerMs
      if (outcome.kind !== 'fallback') {
        const draft =
          outcome.kind === 'not_in_documents'
            ? notGrounded(closestShown())
            : { answer: outcome.answer, grounded: true, citations: outcome.citations, citedChunkIds: outcome.citedChunkIds }
        return await remember(await finish(draft, outcome, workspace.id), outcome)
      }
      const extractive = answerFromPassages(passed)
      const meta = { ...extractiveMeta, tokensIn: outcome.tokensIn, tokensOut: outcome.tokensOut }
      if (outcome.reason === 'unavailable') {
        deps.logger.warn({ failures: outcome.failures }, 'every answer model failed; answering extractively')
        extractive.answer = `${generationUnavailableNote}\n\n${extractive.answer}`
        // Not cached: once a provider is back, the same question deserves a real answer.
        return finish(extractive, meta, workspace.id)
      }
      return await remember(await finish(extractive, meta, workspace.id), meta)
    }
    return await remember(await finish(answerFromPassages(passed), extractiveMeta, workspace.id), extractiveMeta)

    function served(hit: CachedAnswer, workspaceId: string): Promise<AnswerResult> {
      const meta = { provider: hit.answer.provider, model: null, promptVersion: deps.generative?.promptVersion ?? null, tokensIn: null, tokensOut: null }
      return finish({ ...hit.answer, citedChunkIds: [] }, meta, workspaceId, true)
    }

    function answerFromPassages(passages: GatedChunk[]): Draft {
      const extractive = answerExtractively(passages, retrieved.question)
      if (extractive.citations.length === 0) return notGrounded(passages.slice(0, CLOSEST_SHOWN).map((c) => toCitation(c)))
      return { answer: extractive.answer, grounded: true, citations: extractive.citations, citedChunkIds: extractive.citedChunkIds }
    }

    async function finish(draft: Draft, meta: AnswerMeta, workspaceId: string | null, cached = false): Promise<AnswerResult> {
      const totalMs = performance.now() - started
      const answer: AnswerResult = {
        answer: draft.answer,
        grounded: draft.grounded,
        citations: draft.citations,
        cached,
        latencyMs: Math.round(totalMs * 10) / 10,
        provider: meta.provider,
      }
      options.onTimings?.({ retrievalMs, providerMs, totalMs })
      if (!workspaceId) return answer
      const queryId = await record({
        workspaceId,
        channel,
        asker: request.asker ?? null,
        question,
        answer: answer.answer,
        grounded: answer.grounded,
        sources: answer.citations.map((c) => ({ documentId: c.documentId, title: c.title, source: c.source, page: c.page })),
        citedChunkIds: draft.citedChunkIds,
        latencyMs: answer.latencyMs,
        cacheHit: cached,
        ...withSearchUsage(meta, searchUsage),
      })
      return queryId ? { ...answer, queryId } : answer
    }
  }

  async function record(entry: QueryRecord): Promise<string | null> {
    try {
      return await deps.queryLog.record(entry)
    } catch (error) {
      // The answer matters more than its log line.
      deps.logger.warn({ err: error }, 'could not record the query')
      return null
    }
  }
}

/** The tokens of the rewrite and rerank calls count with the answer's, also when the answer then came from the cache. */
function withSearchUsage(meta: AnswerMeta, usage: ModelUsage): AnswerMeta {
  if (usage.tokensIn === 0 && usage.tokensOut === 0) return meta
  return { ...meta, tokensIn: (meta.tokensIn ?? 0) + usage.tokensIn, tokensOut: (meta.tokensOut ?? 0) + usage.tokensOut }
}

function notGrounded(citations: Citation[]): Draft {
  const answer = citations.length > 0 ? `${notFoundAnswer} The closest passages are listed below.` : notFoundAnswer
  return { answer, grounded: false, citations, citedChunkIds: [] }
}
