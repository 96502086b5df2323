import { createPacedMessage } from '../shared/paced-message.ts'
import type { ActionRow } from './feedback-buttons.ts'

/** How a reply is posted on one surface (a message reply, or a deferred interaction). */
export interface ReplyTarget {
  /** Posts (or fills in) the first message; `components` (👍/👎) come with the final text only. */
  first(text: string, components?: ActionRow[]): Promise<unknown>
  /** Replaces the first message's text. */
  update(text: string, components?: ActionRow[]): Promise<unknown>
  /** Posts one more message after the first. */
  more(text: string, components?: ActionRow[]): Promise<unknown>
}

/**
 * Shows a streamed answer as it is written, then the final pieces. Every
 * write of the first message, the final one included, goes out at least
 * `intervalMs` after the previous one (Discord rate-limits edits); only the
 * newest text is shown (see paced-message.ts).
 */
export function createStreamingReply(target: ReplyTarget, intervalMs: number, render: (textSoFar: string) => string) {
  let shown = false // the first message exists: later writes edit it
  const write = async (text: string, components?: ActionRow[]): Promise<void> => {
    if (shown) {
      await target.update(text, components)
      return
    }
    await target.first(text, components)
    shown = true
  }
  const paced = createPacedMessage(write, { intervalMs })

  return {
    /** Called with the answer so far (AskOptions.onText). */
    update(textSoFar: string): void {
      paced.show(render(textSoFar))
    },

    /**
     * The final answer, already split: fills in the first message, posts the
     * rest. `components` go under the last piece, where the answer ends.
     */
    async finish(pieces: readonly string[], components: ActionRow[] = []): Promise<void> {
      const [head = '…', ...rest] = pieces
      const under = (last: boolean) => (last && components.length > 0 ? components : undefined)
      // If the first preview never made it, the final answer is posted as the first message.
      await paced.finish(() => write(head, under(rest.length === 0)))
      for (const [i, piece] of rest.entries()) await target.more(piece, under(i === rest.length - 1))
    },

    /** Stops without posting anything more (the caller reports an error instead). */
    cancel(): void {
      paced.cancel()
    },
  }
}
