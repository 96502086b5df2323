import { performance } from 'node:perf_hooks'
import type { AnswerResult } from '../answer/answer-result.ts'
import { answerExtractively, toCitation } from '../answer/extractive-answerer.ts'
import { applyRelevanceGate } from '../answer/relevance-gate.ts'
import type { Orm } from '../db/database.ts'
import { queries } from '../db/schema.ts'
import { AppError } from '../errors/app-error.ts'
import type { Logger } from '../log/logger.ts'
import type { HybridRetriever } from '../retrieve/hybrid-retriever.ts'
import { parseChannel, parseWorkspaceKey } from '../store/workspace-key.ts'
import { findWorkspace } from '../store/workspace-store.ts'
import type { AskOptions, AskRequest } from './ask-request.ts'

export const MAX_QUESTION_CHARS = 2000
const RETRIEVE = 8
const CLOSEST_SHOWN = 3

export const notFoundAnswer = "I couldn't find an answer to that in the documents shared here."

export interface AskDeps {
  orm: Orm
  retriever: HybridRetriever
  logger: Logger
}

export function createAnswerQuestion(deps: AskDeps) {
  return async function answerQuestion(request: AskRequest, _options: AskOptions = {}): Promise<AnswerResult> {
    const started = performance.now()
    const question = request.question.replace(/\s+/g, ' ').trim()
    if (question.length === 0) throw new AppError('invalid_input', 'the question is empty')
    if (question.length > MAX_QUESTION_CHARS) {
      throw new AppError('invalid_input', `the question is longer than ${MAX_QUESTION_CHARS} characters`)
    }
    const channel = parseChannel(request.channel)
    const workspace = await findWorkspace(deps.orm, parseWorkspaceKey(request.workspace))
    // A workspace nobody has shared anything in yet is not an error: nothing answers.
    if (!workspace) return finish(notGrounded([]), null)

    const { chunks, termWeights } = await deps.retriever.retrieve({ workspaceId: workspace.id, channel }, question, RETRIEVE)
    const { passed, closest } = applyRelevanceGate(chunks, termWeights)
    if (passed.length === 0) {
      const shown = closest.filter((c) => c.relevance > 0).slice(0, CLOSEST_SHOWN)
      return finish(notGrounded(shown.map((c) => toCitation(c))), workspace.id)
    }
    const extractive = answerExtractively(passed, termWeights)
    if (extractive.citations.length === 0) return finish(notGrounded(passed.slice(0, CLOSEST_SHOWN).map((c) => toCitation(c))), workspace.id)
    return finish(
      { answer: extractive.answer, grounded: true, citations: extractive.citations, citedChunkIds: extractive.citedChunkIds },
      workspace.id,
    )

    async function finish(
      result: Omit<AnswerResult, 'cached' | 'latencyMs' | 'provider'> & { citedChunkIds: number[] },
      workspaceId: string | null,
    ): Promise<AnswerResult> {
      const latencyMs = Math.round((performance.now() - started) * 10) / 10
      const answer: AnswerResult = {
        answer: result.answer,
        grounded: result.grounded,
        citations: result.citations,
        cached: false,
        latencyMs,
        provider: 'extractive',
      }
      if (workspaceId) await record(workspaceId, channel, request.asker ?? null, question, answer, result.citedChunkIds)
      return answer
    }
  }

  async function record(
    workspaceId: string,
    channel: string | null,
    asker: string | null,
    question: string,
    answer: AnswerResult,
    citedChunkIds: number[],
  ): Promise<void> {
    try {
      await deps.orm.insert(queries).values({
        workspaceId,
        channelId: channel,
        asker,
        question,
        answer: answer.answer,
        grounded: answer.grounded,
        citedChunkIds,
        latencyMs: answer.latencyMs,
        cacheHit: answer.cached,
        provider: answer.provider,
      })
    } catch (error) {
      // The answer matters more than its log line.
      deps.logger.warn({ err: error }, 'could not record the query')
    }
  }
}

function notGrounded(citations: AnswerResult['citations']) {
  const answer =
    citations.length > 0 ? `${notFoundAnswer} The closest passages are listed below.` : notFoundAnswer
  return { answer, grounded: false, citations, citedChunkIds: [] as number[] }
}
