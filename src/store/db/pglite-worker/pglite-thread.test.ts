import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAppError } from '../../../platform/app-error.ts'
import { type Database, selectRows } from '../database.ts'
import { openPglite } from '../open-pglite.ts'

const codeOf = (error: unknown): unknown => (error as { cause?: { code?: unknown } }).cause?.code

describe('PGlite in a worker thread', () => {
  let db: Database
  beforeAll(async () => {
    db = await openPglite()
    await db.orm.execute(sql`create table notes (id int primary key, body text, at timestamptz default now(), data bytea)`)
  })
  afterAll(async () => {
    await db.close()
  })

  it('is migrated: the application tables exist', async () => {
    const rows = await selectRows<{ name: string }>(db.orm, sql`select tablename as name from pg_tables where tablename in ('documents', 'chunks')`)
    expect(rows.map((r) => r.name).sort()).toEqual(['chunks', 'documents'])
  })

  it('keeps a transaction to itself: a statement from outside runs after it, not inside it', async () => {
    let inserted: () => void = () => {}
    const firstInsert = new Promise<void>((resolve) => {
      inserted = resolve
    })
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const transaction = db.orm.transaction(async (tx) => {
      await tx.execute(sql`insert into notes (id, body) values (1, 'one')`)
      inserted()
      await gate
      await tx.execute(sql`insert into notes (id, body) values (2, 'two')`)
    })
    await firstInsert
    // Sent while the transaction is open, before its second insert.
    const outside = selectRows<{ n: number }>(db.orm, sql`select count(*)::int as n from notes where id in (1, 2)`)
    release()
    await transaction
    expect(await outside).toEqual([{ n: 2 }])
  })

  it('rolls back when the callback throws, and the error comes through', async () => {
    await expect(
      db.orm.transaction(async (tx) => {
        await tx.execute(sql`insert into notes (id, body) values (10, 'ten')`)
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await selectRows(db.orm, sql`select id from notes where id = 10`)).toEqual([])
  })

  it('rolls back only the inner savepoint of a nested transaction', async () => {
    await db.orm.transaction(async (tx) => {
      await tx.execute(sql`insert into notes (id, body) values (20, 'outer')`)
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into notes (id, body) values (21, 'inner')`)
          throw new Error('inner fails')
        })
        .catch(() => {})
    })
    expect(await selectRows(db.orm, sql`select id from notes where id in (20, 21) order by id`)).toEqual([{ id: 20 }])
  })

  it('applies the transaction options: a read-only transaction refuses to write', async () => {
    const error = await db.orm
      .transaction(async (tx) => tx.execute(sql`insert into notes (id, body) values (30, 'no')`), { isolationLevel: 'repeatable read', accessMode: 'read only' })
      .catch((e: unknown) => e)
    expect(codeOf(error)).toBe('25006')
  })

  it('reports PostgreSQL errors with their fields, and keeps serving after them', async () => {
    const error = await db.orm.execute(sql`insert into notes (id, body) values (1, 'again')`).catch((e: unknown) => e)
    expect(codeOf(error)).toBe('23505')
    expect((error as { cause?: { constraint?: unknown } }).cause?.constraint).toBe('notes_pkey')
    expect(await selectRows(db.orm, sql`select 1 as ok`)).toEqual([{ ok: 1 }])
  })

  it('returns values as drizzle expects them from PGlite: timestamps as text, bytea as bytes', async () => {
    await db.orm.execute(sql`insert into notes (id, body, data) values (40, 'bytes', ${new Uint8Array([1, 2, 255])})`)
    const [row] = await selectRows<{ at: unknown; data: unknown }>(db.orm, sql`select at, data from notes where id = 40`)
    expect(typeof row?.at).toBe('string')
    expect(row?.data).toEqual(new Uint8Array([1, 2, 255]))
  })

  it('answers with a typed error once closed', async () => {
    const other = await openPglite()
    await other.close()
    const error = await other.orm.execute(sql`select 1`).catch((e: unknown) => e)
    const cause = (error as { cause?: unknown }).cause
    expect(isAppError(cause) && cause.code).toBe('internal')
  })
})
