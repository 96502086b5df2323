export interface PacedMessageOptions {
  /**
   * Least time between two writes of the message. Platforms rate-limit edits
   * of one message (Slack's chat.update about once a second, Discord's edits).
   */
  intervalMs: number
  now?: () => number
}

export interface PacedMessage {
  /** The answer so far: only the newest text is written, one write at a time, `intervalMs` apart. */
  show(text: string): void
  /**
   * Stops previews, lets the one in flight end, then runs `last` (the final
   * write) no sooner than `intervalMs` after the previous write.
   */
  finish<T>(last: () => Promise<T>): Promise<T>
  /** Stops previews without writing anything more (the caller reports an error instead). */
  cancel(): void
}

/**
 * Latest-text-wins pacing for one chat message that shows a streamed answer
 * as it is written: every intermediate text is obsolete the moment the next
 * delta arrives, so texts that arrive while a write is in flight or too soon
 * after the last one are replaced, never queued. `preview` posts the message
 * the first time and edits it afterwards; a failed preview is not worth
 * failing the answer for (the final write reports errors).
 */
export function createPacedMessage(preview: (text: string) => Promise<unknown>, options: PacedMessageOptions): PacedMessage {
  const now = options.now ?? Date.now
  let lastWrite = Number.NEGATIVE_INFINITY
  let latest: string | null = null
  let shown: string | null = null
  let busy = false
  let inFlight: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | null = null
  let finished = false

  const pump = (): void => {
    if (finished || busy || latest === null || latest === shown) return
    const wait = lastWrite + options.intervalMs - now()
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
    lastWrite = now()
    inFlight = (async () => preview(text))()
      .then(
        () => {},
        () => {},
      )
      .finally(() => {
        busy = false
        pump()
      })
  }

  const stop = (): void => {
    finished = true
    if (timer) clearTimeout(timer)
    timer = null
  }

  return {
    show(text) {
      latest = text
      pump()
    },
    async finish(last) {
      stop()
      await inFlight
      const wait = lastWrite + options.intervalMs - now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      lastWrite = now()
      return await last()
    },
    cancel: stop,
  }
}
