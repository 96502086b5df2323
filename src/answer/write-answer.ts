import type { Logger } from '../platform/log/logger.ts'
import type { WeightedQuestion } from '../retrieve/passage-evidence.ts'
import type { Citation } from './answer-result.ts'
import type { ConversationTurn } from './ask-request.ts'
import { answerExtractively, toCitation } from './extractive-answerer.ts'
import type { GenerativeAnswerer } from './generative-answerer.ts'
import type { GatedChunk } from './relevance-gate.ts'
import { throttleText } from './throttle-text.ts'

const CLOSEST_SHOWN = 3
const STREAM_INTERVAL_MS = 250

export const notFoundAnswer = "I couldn't find an answer to that in the documents shared here."
export const generationUnavailableNote =
  'Answer generation is unavailable right now, so here are the passages that answer it most closely:'

/** An answer before it is timed, recorded and returned. */
export interface Draft {
  answer: string
  grounded: boolean
  citations: Citation[]
  citedChunkIds: number[]
}

/** What the query log records besides the answer. */
export interface AnswerMeta {
  provider: string
  model: string | null
  promptVersion: string | null
  tokensIn: number | null
  tokensOut: number | null
}

export const extractiveMeta: AnswerMeta = { provider: 'extractive', model: null, promptVersion: null, tokensIn: null, tokensOut: null }

export interface Written {
  draft: Draft
  meta: AnswerMeta
  /** False for a stop-gap answer (every model failed): once a provider is back, the question deserves a real one. */
  cacheable: boolean
  providerMs: number
}

/** "Not in the documents", listing the nearest passages when there are any. */
export function declined(closest: readonly GatedChunk[]): Draft {
  const citations = closest.filter((c) => c.relevance > 0).slice(0, CLOSEST_SHOWN).map((c) => toCitation(c))
  return notGrounded(citations)
}

function notGrounded(citations: Citation[]): Draft {
  const answer = citations.length > 0 ? `${notFoundAnswer} The closest passages are listed below.` : notFoundAnswer
  return { answer, grounded: false, citations, citedChunkIds: [] }
}

/** Quotes the sentences that answer, from the passages the gate let through. */
export function quoteAnswer(passages: GatedChunk[], question: WeightedQuestion): Draft {
  const extractive = answerExtractively(passages, question)
  if (extractive.citations.length === 0) return notGrounded(passages.slice(0, CLOSEST_SHOWN).map((c) => toCitation(c)))
  return { answer: extractive.answer, grounded: true, citations: extractive.citations, citedChunkIds: extractive.citedChunkIds }
}

/**
 * With answer models: they write the answer from the passages, citing only
 * those (streamed through `onText`); if every model fails or cites what it was
 * not given, the answer is quoted instead.
 */
export async function writeWithModels(
  generative: GenerativeAnswerer,
  logger: Logger,
  input: { question: string; passed: GatedChunk[]; closest: GatedChunk[]; weighted: WeightedQuestion; history: ConversationTurn[] },
  options: { onText?: (text: string) => void; signal?: AbortSignal },
): Promise<Written> {
  const stream = options.onText ? throttleText(options.onText, STREAM_INTERVAL_MS) : null
  const outcome = await generative.generate(input.question, input.passed, input.history, {
    ...(stream ? { onText: (text: string) => stream.push(text) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  stream?.cancel()
  if (outcome.kind !== 'fallback') {
    const draft =
      outcome.kind === 'answered'
        ? { answer: outcome.answer, grounded: true, citations: outcome.citations, citedChunkIds: outcome.citedChunkIds }
        : declined(input.closest)
    return { draft, meta: outcome, cacheable: true, providerMs: outcome.providerMs }
  }
  const quoted = quoteAnswer(input.passed, input.weighted)
  const meta = { ...extractiveMeta, tokensIn: outcome.tokensIn, tokensOut: outcome.tokensOut }
  if (outcome.reason === 'unavailable') {
    logger.warn({ failures: outcome.failures }, 'every answer model failed; answering extractively')
    quoted.answer = `${generationUnavailableNote}\n\n${quoted.answer}`
    return { draft: quoted, meta, cacheable: false, providerMs: outcome.providerMs }
  }
  return { draft: quoted, meta, cacheable: true, providerMs: outcome.providerMs }
}
