import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import type { Database } from '../src/store/db/database.ts'
import { openPglite } from '../src/store/db/open-pglite.ts'
import { openPostgres } from '../src/store/db/open-postgres.ts'

export type DatabaseKind = Database['kind']

export interface BenchDatabase {
  kind: DatabaseKind
  database: Database
  /** Where it lives, for the output (a directory or a database name). */
  location: string
  /** The connection URL (PostgreSQL only), for a second client in a worker thread. */
  url: string | null
  /** Closes it and removes every trace (the data directory or the database). */
  dispose(): Promise<void>
}

/** Which modules open the database: the sources (default), or the compiled program (built-modules.ts). */
export interface DatabaseOpeners {
  openPglite: typeof openPglite
  openPostgres: typeof openPostgres
}

const fromSources: DatabaseOpeners = { openPglite, openPostgres }

/** A fresh file-backed PGlite in the temp directory, like production's DATA_DIR. */
export async function openBenchPglite(openers: DatabaseOpeners = fromSources): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dq-bench-'))
  const database = await openers.openPglite(path.join(dir, 'pglite'))
  return {
    kind: 'pglite',
    database,
    location: dir,
    url: null,
    async dispose() {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface BenchPostgresOptions {
  /**
   * For a database filled only to be read: commits stop waiting for the WAL
   * flush. Nothing else changes (plans, indexes), and it is thrown away after.
   */
  asyncCommit?: boolean
  openers?: DatabaseOpeners
}

/** A fresh database `dq_bench_<random>` on the server of `adminUrl`, dropped by dispose(). */
export async function openBenchPostgres(adminUrl: string, options: BenchPostgresOptions = {}): Promise<BenchDatabase> {
  const name = `dq_bench_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  if (options.asyncCommit) await admin.unsafe(`alter database ${name} set synchronous_commit = off`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  let database: Database
  try {
    database = await (options.openers ?? fromSources).openPostgres(url.toString(), { maxConnections: 4 })
  } catch (error) {
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end({ timeout: 5 })
    throw error
  }
  return {
    kind: 'postgres',
    database,
    location: name,
    url: url.toString(),
    async dispose() {
      await database.close()
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end({ timeout: 5 })
    },
  }
}

export interface EmptyBenchDatabase {
  name: string
  url: string
  dispose(): Promise<void>
}

/** A fresh, empty `dq_bench_<random>` database (no DocuQuery tables) for a peer pipeline, dropped by dispose(). */
export async function createEmptyBenchPostgres(adminUrl: string, options: BenchPostgresOptions = {}): Promise<EmptyBenchDatabase> {
  const name = `dq_bench_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  if (options.asyncCommit) await admin.unsafe(`alter database ${name} set synchronous_commit = off`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    async dispose() {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end({ timeout: 5 })
    },
  }
}
