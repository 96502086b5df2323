import { mkdirSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { migrationsFolder } from '../migrations-folder.ts'
import { type DatabaseReply, type DatabaseRequest, type QueryResult, serializeDatabaseError } from './protocol.ts'

export interface PgliteWorkerData {
  /** Where PGlite keeps its files; null keeps it in memory. */
  dataDir: string | null
}

interface OpenTransaction {
  tx: Transaction
  decide: (commit: boolean) => void
  settled: Promise<void>
}

/** Thrown inside PGlite's transaction callback so that PGlite itself rolls back. */
class RollbackRequested extends Error {}

const port = parentPort
if (!port) throw new Error('pglite-worker-main must run in a worker thread')
const post = (reply: DatabaseReply) => port.postMessage(reply)
const transactions = new Map<number, OpenTransaction>()
let nextTxId = 1
// Parsers the caller asked to skip: those columns go back as text and are parsed there.
const asText = (value: string) => value

try {
  const pg = await open(readDataDir(workerData))
  port.on('message', (request: DatabaseRequest) => {
    void handle(pg, request)
  })
  post({ type: 'ready' })
} catch (error) {
  post({ type: 'open-failed', error: serializeDatabaseError(error) })
}

async function open(dataDir: string | null): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } })
  await migrate(drizzle({ client: pg }), { migrationsFolder })
  return pg
}

async function handle(pg: PGlite, request: DatabaseRequest): Promise<void> {
  try {
    post({ type: 'result', id: request.id, result: await run(pg, request) })
  } catch (error) {
    post({ type: 'error', id: request.id, error: serializeDatabaseError(error) })
  }
}

async function run(pg: PGlite, request: DatabaseRequest): Promise<QueryResult | number | null> {
  switch (request.type) {
    case 'query': {
      const target = request.txId === null ? pg : openTransaction(request.txId).tx
      const parsers = Object.fromEntries(request.rawTypes.map((oid) => [oid, asText]))
      const result = await target.query(request.sql, request.params, { rowMode: request.rowMode, parsers })
      return {
        rows: result.rows,
        fields: result.fields,
        ...(result.affectedRows !== undefined ? { affectedRows: result.affectedRows } : {}),
      }
    }
    case 'begin':
      return await begin(pg)
    case 'end': {
      const open = openTransaction(request.txId)
      transactions.delete(request.txId)
      open.decide(request.commit)
      await open.settled
      return null
    }
    case 'close':
      await pg.close()
      return null
  }
}

/**
 * A transaction that stays open across messages until its `end`. It runs inside
 * PGlite's own transaction(), which holds every statement from outside it back
 * until COMMIT or ROLLBACK: PGlite has one session, and this keeps it pinned.
 */
async function begin(pg: PGlite): Promise<number> {
  let decide: (commit: boolean) => void = () => {}
  const decision = new Promise<boolean>((resolve) => {
    decide = resolve
  })
  let started: (tx: Transaction) => void = () => {}
  const ready = new Promise<Transaction>((resolve) => {
    started = resolve
  })
  const settled = pg
    .transaction(async (tx) => {
      started(tx)
      if (!(await decision)) throw new RollbackRequested()
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollbackRequested)) throw error
    })
  // BEGIN itself may fail; then the transaction never started.
  const tx = await Promise.race([ready, settled.then(() => Promise.reject(new Error('the transaction ended before it began')))])
  const txId = nextTxId++
  transactions.set(txId, { tx, decide, settled })
  return txId
}

function openTransaction(txId: number): OpenTransaction {
  const open = transactions.get(txId)
  if (!open) throw new Error(`no open transaction ${txId}`)
  return open
}

function readDataDir(data: unknown): string | null {
  if (typeof data === 'object' && data !== null && 'dataDir' in data && (typeof data.dataDir === 'string' || data.dataDir === null)) return data.dataDir
  throw new Error('PGlite worker started without dataDir')
}
