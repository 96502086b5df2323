import type { AnswerResult } from '../../src/answer/answer-result.ts'
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
 * later text updates that message at most once per interval (one request in
 * flight at a time, the newest text wins), and `finish` always writes the
 * final answer with its sources, split over as many messages as it needs.
 */
export function createAnswerStream(sink: MessageSink, options: AnswerStreamOptions = {}) {
  const interval = options.minUpdateIntervalMs ?? 1000
  const now = options.now ?? Date.now
  let ts: string | null = null
  let lastWrite = Number.NEGATIVE_INFINITY
  let latest: string | null = null
  let shown: string | null = null
  let inFlight: Promise<void> = Promise.resolve()
  let busy = false
  let timer: NodeJS.Timeout | null = null
  let finished = false

  const write = async (message: SlackMessage): Promise<void> => {
    lastWrite = now()
    if (ts === null) ts = await sink.post(message)
    else await sink.update(ts, message)
  }

  const pump = (): void => {
    if (finished || busy || latest === null || latest === shown) return
    const wait = lastWrite + interval - now()
    if (wait > 0) {
      timer ??= setTimeout(() => {
        timer = null
        pump()
      }, wait)
      return
    }
    const text = latest
    busy = true
    shown = text
    inFlight = write(renderPartial(text))
      // A failed preview is not worth failing the answer for; the final write reports errors.
      .catch(() => {})
      .finally(() => {
        busy = false
        pump()
      })
  }

  return {
    onText(textSoFar: string): void {
      latest = textSoFar
      pump()
    },

    /** Writes the final answer; returns the ts of every message it occupies. */
    async finish(result: AnswerResult): Promise<string[]> {
      finished = true
      if (timer) clearTimeout(timer)
      await inFlight
      const messages = renderAnswer(result)
      const stamps: string[] = []
      for (const [index, message] of messages.entries()) {
        if (index === 0 && ts !== null) {
          const wait = lastWrite + interval - now()
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
          await write(message)
          stamps.push(ts)
        } else {
          stamps.push(await sink.post(message))
        }
      }
      return stamps
    },
  }
}
