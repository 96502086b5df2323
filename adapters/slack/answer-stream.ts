import type { AnswerResult } from '../../src/index.ts'
import { createPacedMessage } from '../shared/paced-message.ts'
import { withFeedback } from './feedback-blocks.ts'
import { type SlackMessage, renderAnswer, renderPartial } from './format.ts'

export interface MessageSink {
  /** Posts a new message in the thread; returns its ts. */
  post(message: SlackMessage): Promise<string>
  update(ts: string, message: SlackMessage): Promise<void>
}

export interface AnswerStreamOptions {
  /** Slack allows chat.update about once a second per message. */
  minUpdateIntervalMs?: number
  now?: () => number
}

/**
 * Shows an answer as a streaming model writes it: the first text is posted,
 * later text updates that message (paced, newest text wins: see
 * paced-message.ts), and `finish` always writes the final answer with its
 * sources and 👍/👎, split over as many messages as it needs.
 */
export interface AnswerStream {
  /** The answer so far, as a streaming model writes it. */
  onText(textSoFar: string): void
  /** Writes the final answer with its sources and 👍/👎; returns the ts of every message it occupies. */
  finish(result: AnswerResult): Promise<string[]>
  /** Writes the final answer over the existing message `ts` (a stream that could not be finished natively). */
  finishInto(ts: string, result: AnswerResult): Promise<string[]>
}

export function createAnswerStream(sink: MessageSink, options: AnswerStreamOptions = {}): AnswerStream {
  let ts: string | null = null
  const write = async (message: SlackMessage): Promise<string> => {
    if (ts === null) ts = await sink.post(message)
    else await sink.update(ts, message)
    return ts
  }
  const paced = createPacedMessage((text) => write(renderPartial(text)), {
    intervalMs: options.minUpdateIntervalMs ?? 1000,
    ...(options.now ? { now: options.now } : {}),
  })

  return {
    onText(textSoFar: string): void {
      paced.show(textSoFar)
    },

    async finish(result: AnswerResult): Promise<string[]> {
      const [head, ...rest] = withFeedback(renderAnswer(result), result.queryId, 'native')
      if (!head) {
        paced.cancel()
        return []
      }
      const stamps = [await paced.finish(() => write(head))]
      for (const message of rest) stamps.push(await sink.post(message))
      return stamps
    },

    async finishInto(existing: string, result: AnswerResult): Promise<string[]> {
      paced.cancel()
      ts = existing
      const [head, ...rest] = withFeedback(renderAnswer(result), result.queryId, 'native')
      if (head) await sink.update(existing, head)
      const stamps = [existing]
      for (const message of rest) stamps.push(await sink.post(message))
      return stamps
    },
  }
}
