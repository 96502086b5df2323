import type { Logger } from '../../src/index.ts'

/**
 * Shows "typing…" at once and keeps it up (Discord clears it after ~10 s)
 * until stopped. The first request is returned so callers can wait for it.
 */
export function keepTyping(channel: { sendTyping(): Promise<void> }, logger: Logger) {
  const send = () =>
    channel.sendTyping().catch((error: unknown) => logger.debug({ err: error }, 'typing indicator failed'))
  const first = send()
  const timer = setInterval(() => void send(), 8000)
  return {
    first,
    stop: () => clearInterval(timer),
  }
}
