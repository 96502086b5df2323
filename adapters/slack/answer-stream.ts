import type { AnswerResult } from '../../src/index.ts'
import { createPacedMessage } from '../shared/paced-message.ts'
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
 * sources, split over as many messages as it needs.
 */
export function createAnswerStream(sink: MessageSink, options: AnswerStreamOptions = {}) {
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

    /** Writes the final answer; returns the ts of every message it occupies. */
    async finish(result: AnswerResult): Promise<string[]> {
      const [head, ...rest] = renderAnswer(result)
      if (!head) {
        paced.cancel()
        return []
      }
      const stamps = [await paced.finish(() => write(head))]
      for (const message of rest) stamps.push(await sink.post(message))
      return stamps
    },
  }
}
