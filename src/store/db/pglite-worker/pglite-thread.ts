import { Worker } from 'node:worker_threads'
import type { QueryOptions, Results } from '@electric-sql/pglite'
import { AppError } from '../../../platform/app-error.ts'
import type { PgliteWorkerData } from './pglite-worker-main.ts'
import { type DatabaseReply, type DatabaseRequest, type QueryResult, deserializeDatabaseError } from './protocol.ts'

/** The part of PGlite's client that drizzle's pglite driver uses. */
export interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>
}

export interface PgliteThread extends PgliteQueryable {
  transaction<T>(callback: (tx: PgliteQueryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** A request before `call` numbers it (Omit over each member of the union). */
type Request = DatabaseRequest extends infer R ? (R extends DatabaseRequest ? Omit<R, 'id'> : never) : never

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

// Compiled (dist/…/*.js): the compiled worker main, no loader. From the TypeScript
// sources (tests, tsx): a shim that registers tsx in the worker first.
const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './pglite-worker.mjs' : './pglite-worker-main.js', import.meta.url)

/**
 * PGlite in a worker thread of its own. Its WASM runs there, so the event loop
 * that answers HTTP, Slack, Discord and SMTP never waits on a query; this side
 * only posts statements and gets rows back. Statements from different callers
 * interleave freely, except that a transaction holds the one PGlite session
 * until it ends (the worker keeps PGlite's own transaction open meanwhile).
 */
export async function startPgliteThread(dataDir: string | null): Promise<PgliteThread> {
  const worker = new Worker(workerUrl, { workerData: { dataDir } satisfies PgliteWorkerData })
  const pending = new Map<number, Pending>()
  let nextId = 1
  let stopped: AppError | null = null
  let opened: Pending | null = null

  const stop = (error: AppError) => {
    if (stopped) return
    stopped = error
    opened?.reject(error)
    for (const entry of pending.values()) entry.reject(error)
    pending.clear()
  }

  worker.on('message', (reply: DatabaseReply) => {
    if (reply.type === 'ready') return opened?.resolve(null)
    if (reply.type === 'open-failed') return opened?.reject(deserializeDatabaseError(reply.error))
    const entry = pending.get(reply.id)
    if (!entry) return
    pending.delete(reply.id)
    // Idle, the thread must not keep the process alive; busy, it must (a caller is waiting on it).
    if (pending.size === 0) worker.unref()
    if (reply.type === 'result') entry.resolve(reply.result)
    else entry.reject(deserializeDatabaseError(reply.error))
  })
  worker.on('error', (error) => stop(stoppedError(error)))
  worker.on('exit', (code) => stop(stoppedError(new Error(`the PGlite thread exited with code ${code}`))))

  await new Promise((resolve, reject) => {
    opened = { resolve, reject }
  }).catch(async (error: unknown) => {
    await worker.terminate()
    throw error
  })
  opened = null
  worker.unref()

  function call(request: Request): Promise<unknown> {
    if (stopped) return Promise.reject(stopped)
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      worker.ref()
      try {
        worker.postMessage({ ...request, id })
      } catch (error) {
        // A parameter that cannot be cloned (a function, say) fails here, on the caller's side.
        pending.delete(id)
        if (pending.size === 0) worker.unref()
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
  }

  const queryIn =
    (txId: number | null) =>
    async <T>(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Results<T>> => {
      const parsers = options.parsers ?? {}
      const result = (await call({
        type: 'query',
        txId,
        sql,
        params,
        rowMode: options.rowMode ?? 'object',
        rawTypes: Object.keys(parsers).map(Number),
      })) as QueryResult
      applyParsers(result, options.rowMode ?? 'object', parsers)
      return result as Results<T>
    }

  return {
    query: queryIn(null),
    async transaction<T>(callback: (tx: PgliteQueryable) => Promise<T>): Promise<T> {
      const txId = (await call({ type: 'begin' })) as number
      let result: T
      try {
        result = await callback({ query: queryIn(txId) })
      } catch (error) {
        // The rollback's own failure would hide why the transaction failed.
        await call({ type: 'end', txId, commit: false }).catch(() => {})
        throw error
      }
      await call({ type: 'end', txId, commit: true })
      return result
    },
    async close() {
      if (stopped) return
      await call({ type: 'close' })
      stop(new AppError('internal', 'The embedded database is closed.', { retryable: false }))
      await worker.terminate()
    },
  }
}

/** The caller's parsers, applied here to the columns the worker left as text. */
function applyParsers(result: QueryResult, rowMode: 'array' | 'object', parsers: NonNullable<QueryOptions['parsers']>): void {
  const columns = result.fields.flatMap((field, index) => {
    const parse = parsers[field.dataTypeID]
    return parse ? [{ key: rowMode === 'array' ? index : field.name, parse }] : []
  })
  if (columns.length === 0) return
  for (const row of result.rows as Array<Record<string | number, unknown>>) {
    for (const { key, parse } of columns) {
      const value = row[key]
      if (typeof value === 'string') row[key] = parse(value)
    }
  }
}

function stoppedError(cause: Error): AppError {
  return new AppError('internal', 'The embedded database (PGlite) stopped; restart DocuQuery.', { cause, retryable: false })
}
