import type { Logger } from '../../src/index.ts'
import { describeError } from './describe-error.ts'

/**
 * The adapter's one error boundary: every gateway event handler runs inside
 * it. An error is logged with its cause and told to the person in plain words
 * (describeError); nothing escapes to crash the process.
 */
export function createErrorBoundary(logger: Logger) {
  const inFlight = new Set<Promise<void>>()
  return {
    run(what: string, work: () => Promise<void>, tell?: (text: string) => Promise<unknown>): void {
      const task = (async () => {
        try {
          return await work()
        } catch (error) {
          logger.error({ err: error, what }, 'Discord handler failed')
          if (!tell) return
          try {
            await tell(describeError(error))
          } catch (reportError) {
            logger.warn({ err: reportError, what }, 'could not tell the user about the failure')
          }
        }
      })()
      inFlight.add(task)
      void task.finally(() => inFlight.delete(task))
    },
    /** Resolves when the handlers running now have finished (for a clean stop). */
    settle: async (timeoutMs: number): Promise<void> => {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs)
      })
      await Promise.race([Promise.allSettled([...inFlight]), timeout])
      clearTimeout(timer)
    },
  }
}

export type ErrorBoundary = ReturnType<typeof createErrorBoundary>
