import { AppError, isAppError } from '../../platform/app-error.ts'
import { BUSY_RETRY_FACTOR, machineIsBusy, parseTimeLimit } from './parse-time-limit.ts'
import { assertWithinSize } from './size-limit.ts'
import type { DocumentParser, ParsedDocument, ParseInput } from './parsed-document.ts'
import type { ParseWorkerData } from './worker/parse-worker-main.ts'
import { createWorkerPool } from './worker/worker-pool.ts'

export interface DocumentParserOptions {
  /** Files above this size are refused with `too_large` before any parsing. */
  maxBytes: number
  /**
   * Longest a small document may take; larger files get more (parseTimeLimit). Past it the
   * worker is killed, and the job fails with `parse_timeout` (after one longer try if the machine was busy).
   */
  timeoutMs: number
  /** Number of worker threads, each parsing one document at a time. */
  poolSize: number
  /** Heap limit of each worker; a document that needs more fails with `parse_failed`. */
  workerMemoryMb?: number
  /** Whether other work was competing for the CPU (default: load average against cores). */
  isBusy?: () => boolean
  /** Start the workers now (a long-running ingester), not on the first document (a one-shot command). */
  warm?: boolean
}

const DEFAULT_WORKER_MEMORY_MB = 1536

/**
 * The production DocumentParser: every document is parsed in a worker thread, so
 * a parser that hangs or crashes costs one job and one worker, never the process.
 */
export function createDocumentParser(options: DocumentParserOptions): DocumentParser {
  const workerData: ParseWorkerData = { maxBytes: options.maxBytes, warmUp: options.warm ?? false }
  const pool = createWorkerPool<ParseInput, ParsedDocument>({
    workerUrl: parseWorkerUrl(import.meta.url),
    size: Math.max(1, options.poolSize),
    timeoutMs: options.timeoutMs,
    workerData,
    warm: options.warm ?? false,
    resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB },
    timeoutError: (timeoutMs) => timeoutError(timeoutMs, 1),
  })
  const isBusy = options.isBusy ?? machineIsBusy

  const runOnce = (input: ParseInput, timeoutMs: number) => {
    // A copy that the worker owns: the caller's buffer stays usable (for a second try too),
    // and a Buffer from Node's shared pool would otherwise drag its whole slab along.
    const bytes = new Uint8Array(input.bytes)
    const request: ParseInput = { bytes, filename: input.filename, ...(input.mimeType ? { mimeType: input.mimeType } : {}) }
    return pool.run(request, [bytes.buffer], { timeoutMs })
  }

  return {
    async parse(input) {
      assertWithinSize(input.bytes.byteLength, options.maxBytes)
      const limit = parseTimeLimit(input.bytes.byteLength, options.timeoutMs)
      try {
        return await runOnce(input, limit)
      } catch (error) {
        // Out of time while other work held the CPU says little about the file: once more, with more time.
        if (!isAppError(error) || error.code !== 'parse_timeout' || !isBusy()) throw error
        const longer = limit * BUSY_RETRY_FACTOR
        try {
          return await runOnce(input, longer)
        } catch (second) {
          throw isAppError(second) && second.code === 'parse_timeout' ? timeoutError(longer, 2) : second
        }
      }
    },
    close: () => pool.close(),
  }
}

/**
 * Compiled (dist/…/*.js): the worker is the compiled parse-worker-main.js, no loader.
 * From the TypeScript sources (tests, tsx): a shim that registers tsx in the worker first.
 */
export function parseWorkerUrl(moduleUrl: string): URL {
  return new URL(moduleUrl.endsWith('.ts') ? './worker/parse-worker.mjs' : './worker/parse-worker-main.js', moduleUrl)
}

/** Says what happened, not what the file might be: a slow file is not a damaged one. */
function timeoutError(timeoutMs: number, attempts: number): AppError {
  const tries = attempts > 1 ? `, the second time with ${BUSY_RETRY_FACTOR}× the time because the machine was busy` : ''
  return new AppError('parse_timeout', `it took too long to read (stopped after ${formatSeconds(timeoutMs)}${tries})`, {
    retryable: false,
    context: { attempts, timeoutMs },
  })
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`
}
