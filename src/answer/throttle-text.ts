/**
 * Passes streamed text on at most once per `intervalMs`, always with the
 * latest text: chat platforms rate-limit message edits (Slack's chat.update
 * about once a second per message), and every intermediate state is obsolete
 * the moment the next delta arrives.
 */
export function throttleText(emit: (text: string) => void, intervalMs: number, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY
  let pending: string | null = null
  let timer: NodeJS.Timeout | null = null
  const send = () => {
    timer = null
    if (pending === null) return
    last = now()
    const text = pending
    pending = null
    emit(text)
  }
  return {
    push(text: string): void {
      pending = text
      const wait = last + intervalMs - now()
      if (wait <= 0) send()
      else timer ??= setTimeout(send, wait)
    },
    /** Drops what is pending: the final answer replaces it. */
    cancel(): void {
      if (timer) clearTimeout(timer)
      timer = null
      pending = null
    },
  }
}
