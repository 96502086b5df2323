import { AppError } from '../platform/app-error.ts'
import { createWorkerPool } from './parse/worker/worker-pool.ts'
import { type EncodeRequest, type EncodedChunk, encodeChunks } from './encode-chunks.ts'

/** Encodes batches of chunks (BM25 vectors, hashes, local embeddings): CPU work that must not hold up the event loop. */
export interface ChunkEncoder {
  encode(request: EncodeRequest): Promise<EncodedChunk[]>
  close(): Promise<void>
}

/** In this thread: for tools and benchmarks that serve nobody while they index. */
export function createInlineChunkEncoder(): ChunkEncoder {
  return { encode: encodeChunks, close: async () => {} }
}

// A batch of 64 chunks takes tens of milliseconds; a minute means the worker is stuck.
const BATCH_TIMEOUT_MS = 60_000

/**
 * In a worker thread: a 350-page PDF is about a thousand chunks, which took
 * the event loop 0.4–0.8 s at a stretch to encode in process (measured under
 * load), long enough to stall health checks and Slack acks.
 */
export function createThreadedChunkEncoder(options: { warm?: boolean } = {}): ChunkEncoder {
  const pool = createWorkerPool<EncodeRequest, EncodedChunk[]>({
    // Started with the service (like the parse workers), so the first document does not wait for it to load.
    warm: options.warm ?? false,
    // Compiled (dist/…/*.js): the compiled worker main; from the TypeScript sources: the tsx shim.
    workerUrl: new URL(import.meta.url.endsWith('.ts') ? './encode-worker/encode-worker.mjs' : './encode-worker/encode-worker-main.js', import.meta.url),
    size: 1,
    timeoutMs: BATCH_TIMEOUT_MS,
    timeoutError: (timeoutMs) => new AppError('internal', `encoding a batch of chunks took longer than ${timeoutMs / 1000} s`, { retryable: true }),
  })
  return { encode: (request) => pool.run(request), close: () => pool.close() }
}
