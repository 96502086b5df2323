import { type SQL, and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Orm } from './db/database.ts'
import { type DocumentStatus, documentBlobs, documents, workspaces } from './db/schema.ts'
import type { DocumentView } from './document-view.ts'
import { createRecentBytes } from './recent-bytes.ts'
import { formatWorkspaceKey } from './workspace-key.ts'

export interface NewDocument {
  workspaceId: string
  visibility: string
  channelId: string | null
  parentId: string | null
  source: string
  sourceRef: string
  sourceLabel: string
  link: string | null
  title: string
  mimeType: string | null
  byteSize: number
  sha256: string
  sharedBy: string | null
  metadata: Record<string, unknown>
}

const view = {
  id: documents.id,
  title: documents.title,
  source: documents.sourceLabel,
  origin: documents.source,
  attempts: documents.attempts,
  metadata: documents.metadata,
  status: documents.status,
  errorCode: documents.errorCode,
  errorMessage: documents.errorMessage,
  pages: documents.pages,
  chunks: documents.chunkCount,
  platform: workspaces.platform,
  externalId: workspaces.externalId,
  visibility: documents.visibility,
  channel: documents.channelId,
  parentId: documents.parentId,
  kind: documents.kind,
  mimeType: documents.mimeType,
  byteSize: documents.byteSize,
  sha256: documents.sha256,
  link: documents.link,
  sharedBy: documents.sharedBy,
  embeddingModel: documents.embeddingModel,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  indexedAt: documents.indexedAt,
}

type ViewRow = { [K in keyof typeof view]: (typeof view)[K]['_']['data'] | null }

function toView(row: ViewRow): DocumentView {
  return {
    id: String(row.id),
    title: String(row.title),
    source: String(row.source),
    origin: String(row.origin),
    attempts: row.attempts ?? 0,
    metadata: row.metadata ?? {},
    status: row.status as DocumentStatus,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
    pages: row.pages,
    chunks: row.chunks ?? 0,
    workspace: formatWorkspaceKey({ platform: row.platform ?? 'local', externalId: row.externalId ?? '' }),
    visibility: String(row.visibility),
    channel: row.channel,
    parentId: row.parentId,
    kind: row.kind,
    mimeType: row.mimeType,
    byteSize: row.byteSize ?? 0,
    sha256: String(row.sha256),
    link: row.link,
    sharedBy: row.sharedBy,
    embeddingModel: row.embeddingModel,
    createdAt: iso(row.createdAt) ?? '',
    updatedAt: iso(row.updatedAt) ?? '',
    indexedAt: iso(row.indexedAt),
  }
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString()

export interface DocumentFilter {
  workspaceId?: string
  /** Only documents a question from this channel could see (null: workspace-visible only). */
  visibleIn?: { channel: string | null }
  status?: DocumentStatus
  parentId?: string
  ids?: string[]
  /** Words in the title or the source. */
  search?: string
  limit?: number
}

/** Bytes of just-stored documents kept in memory for the ingest handler's read. */
const RECENT_BYTES_BUDGET = 32 * 1024 * 1024
const RECENT_BYTES_MAX_AGE_MS = 5 * 60 * 1000

export function createDocumentStore(orm: Orm) {
  const recent = createRecentBytes(RECENT_BYTES_BUDGET, RECENT_BYTES_MAX_AGE_MS)
  const selectViews = (where: SQL | undefined, limit = 1000, oldestFirst = false) =>
    orm
      .select(view)
      .from(documents)
      .innerJoin(workspaces, eq(workspaces.id, documents.workspaceId))
      .where(where)
      .orderBy(oldestFirst ? asc(documents.createdAt) : desc(documents.createdAt), asc(documents.id))
      .limit(limit)

  return {
    async insert(doc: NewDocument, bytes: Uint8Array): Promise<string> {
      const id = await orm.transaction(async (tx) => {
        const [row] = await tx.insert(documents).values(doc).returning({ id: documents.id })
        if (!row) throw new Error('insert returned no row')
        await tx.insert(documentBlobs).values({ documentId: row.id, bytes })
        return row.id
      })
      recent.remember(id, bytes)
      return id
    },

    /** The same bytes already shared in this scope. */
    async findBySha(workspaceId: string, visibility: string, sha256: string): Promise<DocumentView | null> {
      const rows = await selectViews(
        and(eq(documents.workspaceId, workspaceId), eq(documents.visibility, visibility), eq(documents.sha256, sha256)),
        1,
      )
      return rows[0] ? toView(rows[0]) : null
    },

    /** An earlier version of the same source (same file id or path) in this scope. */
    async findBySourceRef(workspaceId: string, visibility: string, source: string, sourceRef: string): Promise<DocumentView | null> {
      const rows = await selectViews(
        and(
          eq(documents.workspaceId, workspaceId),
          eq(documents.visibility, visibility),
          eq(documents.source, source),
          eq(documents.sourceRef, sourceRef),
        ),
        1,
      )
      return rows[0] ? toView(rows[0]) : null
    },

    /** A new version of a document: new bytes, back to pending; old chunks stay searchable until it is indexed. */
    async replaceContent(id: string, changes: Pick<NewDocument, 'sha256' | 'byteSize' | 'title' | 'mimeType' | 'sharedBy' | 'link'>, bytes: Uint8Array): Promise<void> {
      recent.forget(id)
      await orm.transaction(async (tx) => {
        await tx
          .update(documents)
          // A new version is shared now: citations date a document by when its current version arrived.
          .set({ ...changes, status: 'pending', errorCode: null, errorMessage: null, attempts: 0, createdAt: new Date(), updatedAt: new Date() })
          .where(eq(documents.id, id))
        await tx.update(documentBlobs).set({ bytes }).where(eq(documentBlobs.documentId, id))
      })
      recent.remember(id, bytes)
    },

    async get(id: string): Promise<DocumentView | null> {
      if (!isUuid(id)) return null
      const rows = await selectViews(eq(documents.id, id), 1)
      return rows[0] ? toView(rows[0]) : null
    },

    async list(filter: DocumentFilter = {}): Promise<DocumentView[]> {
      const conditions: SQL[] = []
      if (filter.workspaceId) conditions.push(eq(documents.workspaceId, filter.workspaceId))
      if (filter.visibleIn) {
        const channel = filter.visibleIn.channel
        conditions.push(
          channel === null
            ? eq(documents.visibility, 'workspace')
            : sql`(${documents.visibility} = 'workspace' or ${documents.visibility} = ${channel})`,
        )
      }
      if (filter.status) conditions.push(eq(documents.status, filter.status))
      if (filter.parentId) conditions.push(eq(documents.parentId, filter.parentId))
      if (filter.search?.trim()) {
        const pattern = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        conditions.push(sql`(${documents.title} ilike ${pattern} or ${documents.sourceLabel} ilike ${pattern})`)
      }
      if (filter.ids) {
        const ids = filter.ids.filter(isUuid)
        if (ids.length === 0) return []
        conditions.push(inArray(documents.id, ids))
      }
      // An e-mail's parts read best in the order they appear in the message.
      const rows = await selectViews(conditions.length > 0 ? and(...conditions) : undefined, filter.limit ?? 1000, Boolean(filter.parentId))
      return rows.map(toView)
    },

    /** The original bytes: from memory right after they were stored here, else from the database. */
    async blob(id: string): Promise<Uint8Array | null> {
      const kept = recent.take(id)
      if (kept) return kept
      const rows = await orm.select({ bytes: documentBlobs.bytes }).from(documentBlobs).where(eq(documentBlobs.documentId, id))
      const bytes = rows[0]?.bytes
      return bytes ? new Uint8Array(bytes) : null
    },

    async workspaceOf(id: string): Promise<string | null> {
      const rows = await orm.select({ w: documents.workspaceId }).from(documents).where(eq(documents.id, id))
      return rows[0]?.w ?? null
    },

    /** Marks a pending document as processing; false if another worker got it first. */
    async claim(id: string): Promise<boolean> {
      const rows = await orm
        .update(documents)
        .set({ status: 'processing', attempts: sql`${documents.attempts} + 1`, updatedAt: new Date() })
        .where(and(eq(documents.id, id), inArray(documents.status, ['pending', 'processing'])))
        .returning({ id: documents.id })
      return rows.length > 0
    },

    async markFailed(id: string, code: string, message: string): Promise<void> {
      await orm
        .update(documents)
        .set({ status: 'failed', errorCode: code, errorMessage: message, updatedAt: new Date() })
        .where(eq(documents.id, id))
    },

    async markPending(ids: string[]): Promise<void> {
      if (ids.length === 0) return
      await orm
        .update(documents)
        .set({ status: 'pending', errorCode: null, errorMessage: null, updatedAt: new Date() })
        .where(inArray(documents.id, ids))
    },

    /** `extra` is merged into the metadata (an e-mail's sender, date and subject, kept for citations). */
    async setParsedInfo(
      id: string,
      info: { kind: string; mimeType: string; pages: number | null; title?: string },
      extra?: Record<string, unknown>,
    ): Promise<void> {
      const metadata = extra ? { metadata: sql`${documents.metadata} || ${JSON.stringify(extra)}::jsonb` } : {}
      await orm.update(documents).set({ ...info, ...metadata, updatedAt: new Date() }).where(eq(documents.id, id))
    },

    /** Documents a crash left unfinished: the queue is only a transport, the database is the truth. */
    async unfinishedIds(): Promise<string[]> {
      const rows = await orm
        .select({ id: documents.id })
        .from(documents)
        .where(inArray(documents.status, ['pending', 'processing']))
        .orderBy(asc(documents.createdAt))
      return rows.map((r) => r.id)
    },

    async allIds(workspaceId?: string): Promise<string[]> {
      const rows = await orm
        .select({ id: documents.id })
        .from(documents)
        .where(workspaceId ? eq(documents.workspaceId, workspaceId) : undefined)
        .orderBy(asc(documents.createdAt))
      return rows.map((r) => r.id)
    },
  }
}

export type DocumentStore = ReturnType<typeof createDocumentStore>

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: string): boolean => uuidPattern.test(value)
