import { sql } from 'drizzle-orm'
import {

  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

/** A pgvector `vector` without a fixed dimension, so embedding models can change without a migration. */
export const anyVector = customType<{ data: number[]; driverData: string }>({
  dataType: () => 'vector',
  toDriver: (value) => `[${value.join(',')}]`,
  fromDriver: (value) => JSON.parse(value) as number[],
})

/** pgvector `sparsevec` in its text form `{index:value,...}/dims` (1-based indexes). */
export const sparseVector = customType<{ data: string; driverData: string; config: { dimensions: number } }>({
  dataType: (config) => `sparsevec(${config?.dimensions ?? 1})`,
})

export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })

export const LEXICAL_DIMENSIONS = 16_777_216

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}

export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    // Denormalised count kept with term_stats in the same transaction: BM25's N.
    chunkCount: integer('chunk_count').notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('workspaces_platform_external_id_key').on(t.platform, t.externalId)],
)

export const feedbackValues = ['helpful', 'not_helpful'] as const
export type FeedbackValue = (typeof feedbackValues)[number]
export const feedbackReasons = ['wrong_source', 'outdated', 'not_answered', 'other'] as const
export type FeedbackReason = (typeof feedbackReasons)[number]

/** A cited source as the queries log keeps it. */
export interface QuerySource {
  documentId: string
  title: string
  source: string
  page: number | null
}

export const documentStatuses = ['pending', 'processing', 'indexed', 'failed'] as const
export type DocumentStatus = (typeof documentStatuses)[number]

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** `workspace`, or the id of the one channel that may see it. */
    visibility: text('visibility').notNull(),
    /** Channel it was shared in (for links), whatever its visibility. */
    channelId: text('channel_id'),
    parentId: uuid('parent_id'),
    source: text('source').notNull(),
    sourceRef: text('source_ref').notNull(),
    /** What people see as the source: a path, a file name, `message.eml › part.pdf`. */
    sourceLabel: text('source_label').notNull(),
    link: text('link'),
    title: text('title').notNull(),
    mimeType: text('mime_type'),
    kind: text('kind'),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    status: text('status').$type<DocumentStatus>().notNull().default('pending'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    attempts: integer('attempts').notNull().default(0),
    pages: integer('pages'),
    chunkCount: integer('chunk_count').notNull().default(0),
    embeddingModel: text('embedding_model'),
    sharedBy: text('shared_by'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    indexedAt: timestamp('indexed_at', { withTimezone: true }),
    /** Title and source as words ("notes.txt" → notes txt): questions that name a document find it through this index. */
    nameTsv: tsvector('name_tsv')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', title || ' ' || regexp_replace(source_label, '[^[:alnum:]]+', ' ', 'g'))`),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('documents_scope_sha256_key').on(t.workspaceId, t.visibility, t.sha256),
    index('documents_name_tsv_idx').using('gin', t.nameTsv),
    index('documents_scope_source_ref_idx').on(t.workspaceId, t.visibility, t.source, t.sourceRef),
    index('documents_status_idx').on(t.status),
    index('documents_parent_idx').on(t.parentId),
  ],
)

export const documentBlobs = pgTable('document_blobs', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  bytes: bytea('bytes').notNull(),
})

export const chunks = pgTable(
  'chunks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // Copied from the document so the scope filter needs no join.
    workspaceId: uuid('workspace_id').notNull(),
    visibility: text('visibility').notNull(),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    page: integer('page'),
    headingPath: text('heading_path'),
    charStart: integer('char_start').notNull(),
    charEnd: integer('char_end').notNull(),
    tokenCount: integer('token_count').notNull(),
    contentHash: text('content_hash').notNull(),
    embedding: anyVector('embedding').notNull(),
    embeddingModel: text('embedding_model').notNull(),
    lexical: sparseVector('lexical', { dimensions: LEXICAL_DIMENSIONS }).notNull(),
    tsv: tsvector('tsv')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', text)`),
  },
  (t) => [
    index('chunks_document_idx').on(t.documentId, t.ordinal),
    index('chunks_scope_idx').on(t.workspaceId, t.visibility),
    index('chunks_tsv_idx').using('gin', t.tsv),
  ],
)

/** Document frequency of each hashed term per workspace: the IDF half of BM25. */
export const termStats = pgTable(
  'term_stats',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    term: integer('term').notNull(),
    df: integer('df').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.term] })],
)

export const queries = pgTable(
  'queries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: text('channel_id'),
    asker: text('asker'),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    grounded: boolean('grounded').notNull(),
    citedChunkIds: jsonb('cited_chunk_ids').$type<number[]>().notNull().default([]),
    latencyMs: real('latency_ms').notNull(),
    cacheHit: boolean('cache_hit').notNull().default(false),
    provider: text('provider').notNull(),
    model: text('model'),
    promptVersion: text('prompt_version'),
    tokensIn: integer('tokens_in'),
    tokensOut: integer('tokens_out'),
    /** What the answer cited, kept as shown: a cached answer cites chunks it did not retrieve itself. */
    sources: jsonb('sources').$type<QuerySource[]>().notNull().default([]),
    /** `helpful` | `not_helpful`, from the 👍/👎 on the answer; the latest click wins. */
    feedback: text('feedback').$type<FeedbackValue>(),
    /** Who clicked (platform user id) and when. */
    feedbackBy: text('feedback_by'),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    /** For not helpful: `wrong_source` | `outdated` | `not_answered` | `other`, and the asker's words. */
    feedbackReason: text('feedback_reason').$type<FeedbackReason>(),
    feedbackNote: text('feedback_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('queries_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('queries_feedback_idx').on(t.feedback, t.feedbackAt),
  ],
)

export const platformEvents = pgTable(
  'platform_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] })],
)

/**
 * Earlier question/answer turns of a chat thread (Slack thread, Discord thread),
 * so follow-ups get context without reading the platform's history (Slack
 * limits `conversations.replies` to one call a minute for new apps).
 */
export const conversationTurns = pgTable(
  'conversation_turns',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Workspace key (`slack:T0123`). */
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    /** The thread's root message id (Slack `thread_ts`). */
    thread: text('thread').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conversation_turns_thread_idx').on(t.workspace, t.channel, t.thread, t.createdAt)],
)

export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const
export type JobStatus = (typeof jobStatuses)[number]

export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  status: text('status').$type<JobStatus>().notNull().default('queued'),
  total: integer('total').notNull().default(0),
  done: integer('done').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  error: text('error'),
  ...timestamps,
  finishedAt: timestamp('finished_at', { withTimezone: true }),
})

