import { parentPort, workerData } from 'node:worker_threads'
import type { TransferListItem } from 'node:worker_threads'
import { parseDocument } from '../parse-document.ts'
import type { ParsedDocument, ParseInput } from '../parsed-document.ts'
import type { WorkerJob, WorkerReply } from './protocol.ts'
import { serializeError } from './serialized-error.ts'
import { warmUpParsers } from './warm-up.ts'

export interface ParseWorkerData {
  maxBytes: number
  /** Load the PDF reader as soon as the worker is up (a pool started before its first document). */
  warmUp?: boolean
}

const port = parentPort
if (!port) throw new Error('parse-worker-main must run in a worker thread')
const maxBytes = readMaxBytes(workerData)

port.on('message', (job: WorkerJob<ParseInput>) => {
  void handle(job)
})
port.postMessage({ type: 'ready' } satisfies WorkerReply<ParsedDocument>)
// Loads the PDF reader now rather than on the first PDF: a pool started early has it
// done before the first document arrives (a job arriving meanwhile simply runs beside it).
if (readWarmUp(workerData)) void warmUpParsers(maxBytes)

async function handle(job: WorkerJob<ParseInput>): Promise<void> {
  try {
    const result = await parseDocument(job.request, { maxBytes })
    const reply: WorkerReply<ParsedDocument> = { type: 'result', id: job.id, result }
    port?.postMessage(reply, transferList(result))
  } catch (error) {
    const reply: WorkerReply<ParsedDocument> = { type: 'error', id: job.id, error: serializeError(error) }
    port?.postMessage(reply)
  }
}

function readWarmUp(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'warmUp' in data && data.warmUp === true
}

function readMaxBytes(data: unknown): number {
  if (typeof data === 'object' && data !== null && 'maxBytes' in data && typeof data.maxBytes === 'number') return data.maxBytes
  throw new Error('parse worker started without maxBytes')
}

/** Part bytes move to the parent instead of being copied; each buffer may be listed once. */
function transferList(document: ParsedDocument): TransferListItem[] {
  const buffers = new Set<ArrayBuffer>()
  for (const part of document.parts) {
    const { buffer } = part.bytes
    if (buffer instanceof ArrayBuffer && part.bytes.byteOffset === 0 && part.bytes.byteLength === buffer.byteLength) {
      buffers.add(buffer)
    }
  }
  return [...buffers]
}
