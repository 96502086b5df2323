import { parentPort } from 'node:worker_threads'
import type { WorkerJob, WorkerReply } from '../parse/worker/protocol.ts'
import { AppError } from '../../platform/app-error.ts'
import { serializeError } from '../parse/worker/serialized-error.ts'
import { type EncodeRequest, type EncodedChunk, encodeChunks } from '../encode-chunks.ts'

const port = parentPort
if (!port) throw new Error('encode-worker-main must run in a worker thread')

port.on('message', (job: WorkerJob<EncodeRequest>) => {
  void handle(job)
})
port.postMessage({ type: 'ready' } satisfies WorkerReply<EncodedChunk[]>)

async function handle(job: WorkerJob<EncodeRequest>): Promise<void> {
  try {
    const reply: WorkerReply<EncodedChunk[]> = { type: 'result', id: job.id, result: await encodeChunks(job.request) }
    port?.postMessage(reply)
  } catch (error) {
    // Pure functions of text: a failure here is a bug, not a bad document.
    const reply: WorkerReply<EncodedChunk[]> = { type: 'error', id: job.id, error: serializeError(new AppError('internal', 'its chunks could not be encoded', { cause: error })) }
    port?.postMessage(reply)
  }
}
