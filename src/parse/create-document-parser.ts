import { AppError } from '../errors/app-error.ts'
import { assertWithinSize } from './parse-document.ts'
import type { DocumentParser, ParsedDocument, ParseInput } from './parsed-document.ts'
import type { ParseWorkerData } from './worker/parse-worker-main.ts'
import { createWorkerPool } from './worker/worker-pool.ts'

export interface DocumentParserOptions {
  /** Files above this size are refused with `too_large` before any parsing. */
  maxBytes: number
  /** Longest one document may take; then its worker is killed and the job fails with `parse_timeout`. */
  timeoutMs: number
  /** Number of worker threads, each parsing one document at a time. */
  poolSize: number
  /** Heap limit of each worker; a document that needs more fails with `parse_failed`. */
  workerMemoryMb?: number
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
    workerUrl: new URL('./worker/parse-worker.mjs', import.meta.url),
    size: Math.max(1, options.poolSize),
    timeoutMs: options.timeoutMs,
    workerData,
    warm: options.warm ?? false,
    resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB },
    timeoutError: (timeoutMs) =>
      new AppError('parse_timeout', `it took longer than ${formatSeconds(timeoutMs)} to read (it may be damaged or too complex)`, {
        retryable: false,
      }),
  })

  return {
    async parse(input) {
      assertWithinSize(input.bytes.byteLength, options.maxBytes)
      // A copy that the worker owns: the caller's buffer stays usable, and a Buffer
      // from Node's shared pool would otherwise drag its whole slab along.
      const bytes = new Uint8Array(input.bytes)
      const request: ParseInput = { bytes, filename: input.filename, ...(input.mimeType ? { mimeType: input.mimeType } : {}) }
      return await pool.run(request, [bytes.buffer])
    },
    close: () => pool.close(),
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`
}
