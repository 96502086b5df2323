import { parentPort, workerData } from 'node:worker_threads'
import { openPostgres } from '../src/store/db/open-postgres.ts'
import { createHashingEmbedder } from '../src/models/embed/hashing-embedder.ts'
import { createChunkLoader } from './chunk-corpus.ts'
import type { LoaderReply, LoaderRequest, LoaderWorkerData } from './remote-chunk-loader.ts'
import { loadScifactCorpus } from './scifact.ts'

// Loads PostgreSQL from its own thread, so that it can run while PGlite
// (which never yields the main thread's event loop while busy) loads too.
const port = parentPort
if (!port) throw new Error('chunk-loader-worker must run in a worker thread')
const data = workerData as LoaderWorkerData
const database = await openPostgres(data.url, { maxConnections: data.workers })
const loader = await createChunkLoader(database.orm, createHashingEmbedder(), loadScifactCorpus())

const reply = (message: LoaderReply) => port.postMessage(message)

port.on('message', (request: LoaderRequest) => {
  void handle(request).catch((error: unknown) => reply({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
})
reply({ type: 'ready', scope: loader.scope })

async function handle(request: LoaderRequest): Promise<void> {
  if (request.type === 'load') {
    const deadline = performance.now() + request.remainingMs
    reply({ type: 'loaded', outcome: await loader.loadUpTo(request.target, { workers: data.workers, deadline }) })
    return
  }
  await loader.close()
  await database.close()
  reply({ type: 'closed' })
  port?.close()
}
