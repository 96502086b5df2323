import type { AnswerResult } from '../../src/index.ts'
import { createPacedMessage } from '../shared/paced-message.ts'
import { splitMessage } from '../shared/split-message.ts'
import type { AnswerStream } from './answer-stream.ts'
import { type SlackBlock, feedbackBlock, isInvalidBlocks } from './feedback-blocks.ts'
import { SECTION_LIMIT, renderSources, section } from './format.ts'


/** Slack's streaming methods for one reply (chat.startStream / appendStream / stopStream), and the fallback's message edit. */
export interface StreamApi {
  /** Starts the streamed reply with its first text; returns its ts. */
  start(markdown: string): Promise<string>
  append(ts: string, markdown: string): Promise<void>
  stop(ts: string, final: { markdown?: string; blocks: SlackBlock[] }): Promise<void>
}

export interface NativeStreamOptions {
  /** Least time between two appends: one reply never takes more than this share of the method's rate limit. */
  intervalMs: number
  /** Whether plain 👍/👎 buttons are already known to be needed. */
  plainFeedback: () => boolean
  onPlainFeedbackNeeded: () => void
  /** The workspace cannot stream natively (e.g. `unknown_method`): later answers go straight to the fallback. */
  onUnsupported: () => void
  onError: (error: unknown, stage: string) => void
}

// What Slack answers where the streaming methods are not available to this app or token.
const unsupported = new Set(['unknown_method', 'not_allowed_token_type', 'method_not_supported_for_channel_type', 'feature_not_enabled', 'not_supported'])
const slackError = (error: unknown): string => (error as { data?: { error?: string } }).data?.error ?? ''
// Slack's limit for markdown_text per call.
const MARKDOWN_LIMIT = 12_000

/** Slack's own tokens (<!channel>, <@U…>, <#C…>) in model text must not ping anyone: a zero-width space breaks them. */
export const defuseTokens = (text: string): string => text.replace(/<([!@#])/g, '<\u200b$1')

/**
 * An answer streamed natively into its thread: the first text starts the
 * stream, later text is appended as deltas (paced, newest text wins), and the
 * end stops it with the sources and 👍/👎 as blocks. Where the workspace has
 * no streaming methods, or nothing streamed (extractive and cached answers),
 * the chat.update stream `fallback` writes the answer instead.
 */
export function createNativeAnswerStream(api: StreamApi, fallback: AnswerStream, options: NativeStreamOptions): AnswerStream {
  let ts: string | null = null
  let sent = ''
  let mode: 'native' | 'fallback' = 'native'

  const preview = async (text: string): Promise<void> => {
    if (mode === 'fallback') return fallback.onText(text)
    if (ts === null) {
      try {
        ts = await api.start(defuseTokens(text.slice(0, MARKDOWN_LIMIT)))
        sent = text.slice(0, MARKDOWN_LIMIT)
      } catch (error) {
        mode = 'fallback'
        if (unsupported.has(slackError(error))) options.onUnsupported()
        else options.onError(error, 'start')
        fallback.onText(text)
      }
      return
    }
    // Only growth can be appended; a rewrite (another model taking over) waits for the final answer.
    if (!text.startsWith(sent) || text.length === sent.length) return
    const delta = text.slice(sent.length, sent.length + MARKDOWN_LIMIT)
    await api.append(ts, defuseTokens(delta))
    sent += delta
  }
  const paced = createPacedMessage(preview, { intervalMs: options.intervalMs })

  const stop = async (streamTs: string, result: AnswerResult): Promise<void> => {
    const rest = result.answer.startsWith(sent) ? result.answer.slice(sent.length) : null
    if (rest === null) throw new Error('the final answer does not continue the streamed text')
    // Raw slices, not splitMessage: it trims, and a streamed text's spaces are part of the sentence.
    const pieces = Array.from({ length: Math.ceil(rest.length / MARKDOWN_LIMIT) }, (_, i) => rest.slice(i * MARKDOWN_LIMIT, (i + 1) * MARKDOWN_LIMIT))
    for (const piece of pieces.slice(0, -1)) await api.append(streamTs, defuseTokens(piece))
    const last = pieces.at(-1)
    const sources = renderSources(result)
    const blocks: SlackBlock[] = [...(sources ? splitMessage(sources, SECTION_LIMIT).map(section) : []), ...(result.queryId ? [feedbackBlock(result.queryId, options.plainFeedback() ? 'buttons' : 'native')] : [])]
    const final = { ...(last ? { markdown: defuseTokens(last) } : {}), blocks }
    try {
      await api.stop(streamTs, final)
    } catch (error) {
      if (!isInvalidBlocks(error) || options.plainFeedback()) throw error
      options.onPlainFeedbackNeeded()
      await api.stop(streamTs, { ...final, blocks: blocks.map((b) => (b.type === 'context_actions' && result.queryId ? feedbackBlock(result.queryId, 'buttons') : b)) })
    }
  }

  return {
    onText(textSoFar: string): void {
      paced.show(textSoFar)
    },
    async finish(result: AnswerResult): Promise<string[]> {
      if (mode === 'fallback' || ts === null) {
        paced.cancel()
        return await fallback.finish(result)
      }
      const streamTs = ts
      return await paced.finish(async () => {
        try {
          await stop(streamTs, result)
          return [streamTs]
        } catch (error) {
          // The streamed message is then rewritten whole by the fallback: the answer is never lost.
          options.onError(error, 'stop')
          return await fallback.finishInto(streamTs, result)
        }
      })
    },
    finishInto: fallback.finishInto,
  }
}
