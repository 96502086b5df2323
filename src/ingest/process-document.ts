import { chunkDocument } from './chunk-document.ts'
import type { Orm } from '../store/db/database.ts'
import type { Embedder } from '../models/embed/embedder.ts'
import { AppError, toAppError } from '../platform/app-error.ts'
import type { Logger } from '../platform/log/logger.ts'
import type { DocumentParser, EmailMeta, ParsedDocument } from './parse/parsed-document.ts'
import { replaceChunks } from '../store/chunk-store.ts'
import type { DocumentStore } from '../store/document-store.ts'
import type { DocumentView } from '../store/document-view.ts'
import type { HandlerOutcome, JobAttempt } from '../platform/queue/ingest-queue.ts'
import { sanitizeLabel } from '../text/control-characters.ts'
import type { IngestReceipt, IngestRequest } from './ingest-request.ts'
import type { ChunkEncoder } from './chunk-encoder.ts'
import { indexChunks } from './index-chunks.ts'
import { type IngestProfiler, timed, timedSync } from './ingest-profile.ts'

export interface ProcessDeps {
  orm: Orm
  documents: DocumentStore
  parser: DocumentParser
  embedder: Embedder
  /** Encodes chunks off the event loop; absent: in this thread. */
  encoder?: ChunkEncoder
  logger: Logger
  /** Accepts the parts of an e-mail as documents of their own. */
  submit: (request: IngestRequest) => Promise<IngestReceipt>
  onIndexed: (chunkCount: number) => void
  /** Stage timings for the bench; absent in production. */
  profiler?: IngestProfiler
}

// Forwards inside forwards inside forwards: a limit against mail bombs.
const MAX_EMAIL_DEPTH = 5

/**
 * The queue's handler: bytes from the database to indexed chunks, or a
 * recorded failure. Whether and when to retry is the queue's policy; this
 * only says whether a failure may be temporary, and records it as final
 * (status `failed`, error code kept) on the last attempt.
 */
export function createDocumentProcessor(deps: ProcessDeps) {
  return async function processDocument(
    documentId: string,
    job: JobAttempt = { attempt: 1, finalAttempt: true },
  ): Promise<HandlerOutcome> {
    const profiler = deps.profiler
    const claimed = await timed(profiler, 'status', () => deps.documents.claim(documentId))
    if (!claimed) return 'done'
    const doc = await timed(profiler, 'status', () => deps.documents.get(documentId))
    const bytes = doc ? await timed(profiler, 'bytes', () => deps.documents.blob(documentId)) : null
    if (!doc || !bytes) return 'done'
    try {
      await index(doc, bytes)
    } catch (thrown) {
      const error = toAppError(thrown, 'parse_failed', 'it could not be read')
      // A parser that timed out once will time out again: not worth a retry.
      if (error.retryable && error.code !== 'parse_timeout' && !job.finalAttempt) {
        deps.logger.warn({ documentId, code: error.code, attempt: job.attempt, err: error.cause ?? error }, 'indexing failed, will retry')
        await deps.documents.markPending([doc.id])
        return 'retry'
      }
      deps.logger.info({ documentId, title: doc.title, code: error.code }, 'document not indexed')
      await deps.documents.markFailed(doc.id, error.code, error.message)
    }
    return 'done'
  }

  async function index(doc: DocumentView, bytes: Uint8Array): Promise<void> {
    const filename = typeof doc.metadata.filename === 'string' ? doc.metadata.filename : doc.title
    const profiler = deps.profiler
    const parsed = await timed(profiler, 'parse', () =>
      deps.parser.parse({ bytes, filename, ...(doc.mimeType ? { mimeType: doc.mimeType } : {}) }),
    )
    const title = chooseTitle(doc, parsed)
    if (parsed.kind === 'email') markVerifiedSender(parsed, doc.metadata.verifiedSender)
    await timed(profiler, 'status', () =>
      deps.documents.setParsedInfo(
        doc.id,
        { kind: parsed.kind, mimeType: parsed.mimeType, pages: parsed.pages, title },
        parsed.email ? { email: cleanEmailMeta(parsed.email) } : undefined,
      ),
    )
    if (parsed.parts.length > 0) await submitParts(doc, parsed)
    const chunks = timedSync(profiler, 'chunk', () => chunkDocument(parsed.blocks))
    if (chunks.length === 0) throw new AppError('no_text', 'it contains no text to index')
    const rows = await indexChunks(title, chunks, deps.embedder, deps.encoder, profiler)
    await replaceChunks(deps.orm, doc.id, rows, { pages: parsed.pages, embeddingModel: deps.embedder.model }, profiler)
    deps.onIndexed(rows.length)
    deps.logger.debug({ documentId: doc.id, title, chunks: rows.length }, 'document indexed')
  }

  async function submitParts(doc: DocumentView, parsed: ParsedDocument): Promise<void> {
    const depth = doc.source.split(' › ').length
    if (depth > MAX_EMAIL_DEPTH) {
      deps.logger.warn({ documentId: doc.id }, 'e-mail nested too deeply; inner parts skipped')
      return
    }
    for (const [index, part] of parsed.parts.entries()) {
      await deps.submit({
        workspace: doc.workspace,
        visibleIn: doc.visibility === 'workspace' ? null : doc.visibility,
        sharedIn: doc.channel,
        bytes: part.bytes,
        filename: part.filename,
        mimeType: part.mimeType,
        source: sourceOf(doc),
        // Two attachments may share a name: the position keeps them apart across versions.
        sourceRef: `${doc.id} › ${index}:${part.filename}`,
        sourceLabel: `${doc.source} › ${part.filename}`,
        link: doc.link,
        sharedBy: doc.sharedBy,
        parentId: doc.id,
      })
    }
  }
}

const origins: ReadonlySet<string> = new Set(['cli', 'api', 'slack', 'discord', 'email'])
const sourceOf = (doc: DocumentView): IngestRequest['source'] =>
  origins.has(doc.origin) ? (doc.origin as IngestRequest['source']) : 'cli'

/** File names are what people recognise, except where the document names itself well. */
function chooseTitle(doc: DocumentView, parsed: ParsedDocument): string {
  const own = sanitizeLabel(parsed.title ?? '')
  if (own && (parsed.kind === 'email' || parsed.kind === 'html' || parsed.kind === 'markdown')) return own.slice(0, 300)
  return doc.title
}

/** Sender and subject are shown in channel notices: stored without control characters, like titles. */
function cleanEmailMeta(meta: EmailMeta): EmailMeta {
  const clean = (value: string | null) => (value === null ? null : sanitizeLabel(value))
  return { ...meta, subject: clean(meta.subject), from: clean(meta.from) }
}

/**
 * A sender the e-mail door proved (DKIM or DMARC) is said where people read
 * the sender, in the passage's "From:" line, which citations quote: the From:
 * header alone can be written by anyone.
 */
function markVerifiedSender(parsed: ParsedDocument, verified: unknown): void {
  if (typeof verified !== 'object' || verified === null) return
  const { domain, method } = verified as { domain?: unknown; method?: unknown }
  if (typeof domain !== 'string' || typeof method !== 'string') return
  const note = ` (verified: ${sanitizeLabel(domain)}, ${method.toUpperCase()})`
  const header = parsed.blocks[0]
  if (header?.type === 'paragraph' && header.text.startsWith('From: ')) {
    const [fromLine = '', ...rest] = header.text.split('\n')
    header.text = [`${fromLine}${note}`, ...rest].join('\n')
  }
  if (parsed.email?.from) parsed.email.from = `${parsed.email.from}${note}`
}
