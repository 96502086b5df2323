import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { AppError, isAppError } from '../platform/app-error.ts'
import type { DocumentStore } from '../store/document-store.ts'
import type { DocumentView } from '../store/document-view.ts'
import { parseChannel, parseWorkspaceKey } from '../store/workspace-key.ts'
import type { Orm } from '../store/db/database.ts'
import { sanitizeLabel } from '../text/control-characters.ts'
import { formatBytes } from '../text/format-bytes.ts'
import { ensureWorkspace } from '../store/workspace-store.ts'
import type { IngestQueue } from '../platform/queue/ingest-queue.ts'
import type { IngestReceipt, IngestRequest } from './ingest-request.ts'

export interface SubmitDeps {
  orm: Orm
  documents: DocumentStore
  queue: IngestQueue
  maxFileBytes: number
}

/**
 * Accepts a document: refuses what can be refused without parsing, otherwise
 * records it (bytes included) as `pending` and queues it. Once this returns a
 * document id, the document survives any crash.
 */
export async function submitDocument(deps: SubmitDeps, given: IngestRequest): Promise<IngestReceipt> {
  const request = withCleanLabels(given)
  const label = request.sourceLabel ?? request.sourceRef
  const refused = (error: AppError): IngestReceipt => ({
    source: label,
    documentId: null,
    status: 'failed',
    error: error.toJSON(),
    pages: null,
    chunks: 0,
  })
  if (request.bytes.byteLength === 0) return refused(new AppError('empty', 'the file is empty'))
  if (request.bytes.byteLength > deps.maxFileBytes) {
    return refused(new AppError('too_large', `it is larger than the ${formatBytes(deps.maxFileBytes)} limit`))
  }
  const workspace = await ensureWorkspace(deps.orm, parseWorkspaceKey(request.workspace))
  const visibility = parseChannel(request.visibleIn) ?? 'workspace'
  const sha256 = createHash('sha256').update(request.bytes).digest('hex')

  const same = await deps.documents.findBySha(workspace.id, visibility, sha256)
  if (same) {
    // Sharing a failed file again is how people ask for another try.
    if (same.status === 'failed') {
      await deps.documents.markPending([same.id])
      await deps.queue.enqueue(same.id)
      return { ...receipt(same, label), status: 'pending', error: null, duplicate: true }
    }
    return { ...receipt(same, label), duplicate: true }
  }

  const title = request.title ?? basename(request.filename)
  const previous = await deps.documents.findBySourceRef(workspace.id, visibility, request.source, request.sourceRef)
  // A redelivered e-mail (same Message-ID, new Received headers) is the same message, not a new version.
  if (previous && request.sourceIsIdentity && previous.status !== 'failed') return { ...receipt(previous, label), duplicate: true }
  if (previous) {
    await deps.documents.replaceContent(
      previous.id,
      {
        sha256,
        byteSize: request.bytes.byteLength,
        title,
        mimeType: request.mimeType ?? null,
        sharedBy: request.sharedBy ?? null,
        link: request.link ?? null,
      },
      request.bytes,
    )
    await deps.queue.enqueue(previous.id)
    return { ...receipt(previous, label), status: 'pending', error: null, replaced: true }
  }

  let id: string
  try {
    id = await deps.documents.insert(
      {
        workspaceId: workspace.id,
        visibility,
        channelId: parseChannel(request.sharedIn ?? request.visibleIn),
        parentId: request.parentId ?? null,
        source: request.source,
        sourceRef: request.sourceRef,
        sourceLabel: label,
        link: request.link ?? null,
        title,
        mimeType: request.mimeType ?? null,
        byteSize: request.bytes.byteLength,
        sha256,
        sharedBy: request.sharedBy ?? null,
        metadata: { filename: request.filename, ...(request.verifiedSender ? { verifiedSender: request.verifiedSender } : {}) },
      },
      request.bytes,
    )
  } catch (error) {
    // Two shares of the same bytes raced: the other one won, and that is the document.
    const winner = await deps.documents.findBySha(workspace.id, visibility, sha256)
    if (winner) return { ...receipt(winner, label), duplicate: true }
    throw isAppError(error) ? error : new AppError('internal', 'could not record the document', { cause: error })
  }
  await deps.queue.enqueue(id)
  return { source: label, documentId: id, status: 'pending', error: null, pages: null, chunks: 0 }
}

/**
 * What people will see of a document (title, source, who sent it) is stored
 * without control characters: a file name carrying ESC[2J or an OSC-8 link
 * must not reach a terminal, a chat message or a log as one.
 */
function withCleanLabels(request: IngestRequest): IngestRequest {
  return {
    ...request,
    filename: sanitizeLabel(request.filename),
    ...(request.title !== undefined ? { title: sanitizeLabel(request.title) } : {}),
    sourceLabel: sanitizeLabel(request.sourceLabel ?? request.sourceRef),
    ...(request.sharedBy ? { sharedBy: sanitizeLabel(request.sharedBy) } : {}),
  }
}

function receipt(doc: DocumentView, label: string): IngestReceipt {
  return { source: label, documentId: doc.id, status: doc.status, error: doc.error, pages: doc.pages, chunks: doc.chunks }
}
