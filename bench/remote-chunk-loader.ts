import { Worker } from 'node:worker_threads'
import type { Scope } from '../src/retrieve/scope.ts'
import type { ChunkLoader, LoadOptions, LoadOutcome, LoadProgress } from './chunk-corpus.ts'

export interface LoaderWorkerData {
  url: string
  /** Documents stored at a time (and connections). */
  workers: number
}

export type LoaderRequest = { type: 'load'; target: number; remainingMs: number } | { type: 'close' }

export type LoaderReply =
  | { type: 'ready'; scope: Scope }
  | { type: 'loaded'; outcome: LoadOutcome }
  | { type: 'closed' }
  | { type: 'failed'; message: string }

/**
 * The chunk loader of a PostgreSQL database, run in a worker thread. One
 * request at a time; progress ticks are not reported across the thread.
 */
export async function startRemoteChunkLoader(data: LoaderWorkerData): Promise<ChunkLoader> {
  const worker = new Worker(new URL('./chunk-loader-worker.mjs', import.meta.url), { workerData: data })
  let waiting: { resolve: (reply: LoaderReply) => void; reject: (error: Error) => void } | null = null
  let exited = false
  // A dead worker answers nothing: fail at once instead of waiting forever.
  const next = () =>
    new Promise<LoaderReply>((resolve, reject) => {
      if (exited) reject(new Error('chunk loader worker is gone'))
      else waiting = { resolve, reject }
    })
  const fail = (error: Error) => {
    const w = waiting
    waiting = null
    w?.reject(error)
  }
  worker.on('message', (reply: LoaderReply) => {
    const w = waiting
    waiting = null
    if (reply.type === 'failed') w?.reject(new Error(`chunk loader worker: ${reply.message}`))
    else w?.resolve(reply)
  })
  worker.on('error', fail)
  worker.on('exit', (code) => {
    exited = true
    fail(new Error(`chunk loader worker exited (${code})`))
  })

  const ready = await next()
  if (ready.type !== 'ready') throw new Error(`chunk loader worker answered ${ready.type} instead of ready`)
  const progress: LoadProgress = { chunks: 0, documents: 0, copies: 0, encodeSeconds: 0, storeSeconds: 0 }

  return {
    scope: ready.scope,
    progress,
    async loadUpTo(target: number, options: LoadOptions = {}): Promise<LoadOutcome> {
      const remainingMs = Math.min(2 ** 31, (options.deadline ?? Number.POSITIVE_INFINITY) - performance.now())
      const reply = next()
      worker.postMessage({ type: 'load', target, remainingMs } satisfies LoaderRequest)
      const answer = await reply
      if (answer.type !== 'loaded') throw new Error(`chunk loader worker answered ${answer.type} instead of loaded`)
      Object.assign(progress, answer.outcome.progress)
      return { ...answer.outcome, progress }
    },
    async close() {
      if (exited) return
      const reply = next()
      worker.postMessage({ type: 'close' } satisfies LoaderRequest)
      await reply.catch(() => undefined)
      await worker.terminate()
    },
  }
}
