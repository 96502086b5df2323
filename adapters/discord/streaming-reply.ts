/** How a reply is posted on one surface (a message reply, or a deferred interaction). */
export interface ReplyTarget {
  /** Posts (or fills in) the first message. */
  first(text: string): Promise<unknown>
  /** Replaces the first message's text. */
  update(text: string): Promise<unknown>
  /** Posts one more message after the first. */
  more(text: string): Promise<unknown>
}

/**
 * Shows a streamed answer as it is written (at most one edit per
 * `intervalMs`, Discord rate-limits edits), then the final pieces.
 */
export function createStreamingReply(target: ReplyTarget, intervalMs: number, render: (textSoFar: string) => string) {
  let posted: Promise<unknown> | null = null
  let lastEdit = 0
  let latest: string | null = null
  let timer: NodeJS.Timeout | null = null
  let inFlight: Promise<unknown> = Promise.resolve()
  let finished = false

  const flush = () => {
    timer = null
    if (finished || latest === null) return
    const text = render(latest)
    latest = null
    lastEdit = Date.now()
    inFlight = inFlight.then(() => (posted ? target.update(text) : (posted = target.first(text)))).catch(() => {})
  }

  return {
    /** Called with the answer so far (AskOptions.onText). */
    update(textSoFar: string): void {
      if (finished) return
      latest = textSoFar
      if (timer) return
      const wait = Math.max(0, lastEdit + intervalMs - Date.now())
      timer = setTimeout(flush, posted ? wait : 0)
    },

    /** The final answer, already split: fills in the first message, posts the rest. */
    async finish(pieces: readonly string[]): Promise<void> {
      finished = true
      if (timer) clearTimeout(timer)
      await inFlight
      const [head = '…', ...rest] = pieces
      await (posted ? target.update(head) : target.first(head))
      for (const piece of rest) await target.more(piece)
    },

    /** Stops without posting anything more (the caller reports an error instead). */
    cancel(): void {
      finished = true
      if (timer) clearTimeout(timer)
    },

    /** Whether a first message exists (so an error should replace it). */
    get started(): boolean {
      return posted !== null
    },
  }
}
