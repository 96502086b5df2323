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
 * Shows a streamed answer as it is written, then the final pieces. Every
 * write of the first message, the final one included, goes out at least
 * `intervalMs` after the previous one (Discord rate-limits edits); only the
 * newest text is shown.
 */
export function createStreamingReply(target: ReplyTarget, intervalMs: number, render: (textSoFar: string) => string) {
  let queued = false // a first write has been scheduled
  let shown = false // the first message exists: later writes edit it
  let lastSent = Number.NEGATIVE_INFINITY
  let latest: string | null = null
  let timer: NodeJS.Timeout | null = null
  let inFlight: Promise<unknown> = Promise.resolve()
  let finished = false

  /** Waits until `intervalMs` after the previous write went out (it may have gone out late). */
  const paced = async (): Promise<void> => {
    const wait = lastSent + intervalMs - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    lastSent = Date.now()
  }

  const write = async (text: string): Promise<void> => {
    if (shown) {
      await paced()
      await target.update(text)
    } else {
      lastSent = Date.now()
      await target.first(text)
      shown = true
    }
  }

  const flush = () => {
    timer = null
    if (finished || latest === null) return
    const text = render(latest)
    latest = null
    queued = true
    // A failed preview is not worth failing the answer for; the final write reports errors.
    inFlight = inFlight.then(() => write(text)).catch(() => {})
  }

  return {
    /** Called with the answer so far (AskOptions.onText). */
    update(textSoFar: string): void {
      if (finished) return
      latest = textSoFar
      if (timer) return
      timer = setTimeout(flush, queued ? Math.max(0, lastSent + intervalMs - Date.now()) : 0)
    },

    /** The final answer, already split: fills in the first message, posts the rest. */
    async finish(pieces: readonly string[]): Promise<void> {
      finished = true
      if (timer) clearTimeout(timer)
      await inFlight
      const [head = '…', ...rest] = pieces
      // If the first preview never made it, the final answer is posted as the first message.
      await write(head)
      for (const piece of rest) await target.more(piece)
    },

    /** Stops without posting anything more (the caller reports an error instead). */
    cancel(): void {
      finished = true
      if (timer) clearTimeout(timer)
    },
  }
}
