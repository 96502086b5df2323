import { AppError, documentStatuses, formatBytes } from '../../../src/index.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import type { AdminDeps } from '../admin-deps.ts'
import { apiRouter } from '../openapi/api-router.ts'
import { DocumentView, IngestReceipt, adminSecurity, errorResponses, jsonContent } from '../openapi/api-schemas.ts'
import { idSchema, pathId } from '../route-input.ts'

const MAX_FILES_PER_UPLOAD = 100

const ListQuery = z.object({
  workspace: z.string().trim().min(1).optional().openapi({ description: 'only documents of this workspace (e.g. `slack:T0123`)' }),
  channel: z.string().trim().min(1).optional().openapi({ description: 'with workspace: only those a question from this channel could see' }),
  parent: idSchema.optional().openapi({ description: 'the parts of this e-mail' }),
  status: z.enum(documentStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
})

// A malformed id answers 404 like an unknown one (pathId), so the schema only documents it.
const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, format: 'uuid' }) })

export const listDocumentsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['documents'],
  summary: 'List documents with their status, error, pages and chunks',
  security: adminSecurity,
  request: { query: ListQuery },
  responses: { 200: jsonContent(z.object({ documents: z.array(DocumentView) }), 'Newest first'), ...errorResponses(400, 401) },
})

export const uploadDocumentsRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['documents'],
  summary: 'Upload files to index (answers at once; status `pending` until indexed)',
  security: adminSecurity,
  request: {
    body: {
      required: true,
      // A plain schema object: it documents the form; the handler reads it (an upload with no file is a 400 in words).
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'array', items: { type: 'string', format: 'binary' }, description: `one or more files (at most ${MAX_FILES_PER_UPLOAD})` },
              workspace: { type: 'string', description: 'defaults to `local`' },
              channel: { type: 'string', description: 'visible in this channel only; absent: the whole workspace' },
            },
          },
        },
      },
    },
  },
  responses: { 202: jsonContent(z.array(IngestReceipt), 'One receipt per file'), ...errorResponses(400, 401, 413) },
})

export const getDocumentRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['documents'],
  summary: 'One document, with its e-mail parts',
  security: adminSecurity,
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ document: DocumentView, parts: z.array(DocumentView) }), 'The document'), ...errorResponses(401, 404) },
})

export const deleteDocumentRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['documents'],
  summary: 'Forget a document (and its parts): it is no longer cited',
  security: adminSecurity,
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ deleted: z.string() }), 'Its id'), ...errorResponses(401, 404) },
})

export function documentRoutes(deps: Pick<AdminDeps, 'core' | 'maxFileBytes'>) {
  // One file at the limit plus the multipart overhead; more files, more room.
  const uploadLimit = bodyLimit({
    maxSize: deps.maxFileBytes * 4 + 1024 * 1024,
    onError: () => {
      throw new AppError('too_large', `The upload is too large (each file may be at most ${formatBytes(deps.maxFileBytes)}).`)
    },
  })

  return apiRouter()
    .openapi(listDocumentsRoute, async (c) => {
      const { workspace, channel, parent, status, limit } = c.req.valid('query')
      const documents = await deps.core.listDocuments({
        ...(workspace ? { workspace } : {}),
        ...(workspace && channel ? { channel } : {}),
        ...(parent ? { parentId: parent } : {}),
        ...(status ? { status } : {}),
        ...(limit ? { limit } : {}),
      })
      return c.json({ documents }, 200)
    })
    .openapi({ ...uploadDocumentsRoute, middleware: [uploadLimit] }, async (c) => {
      const form = await c.req.parseBody({ all: true }).catch((error: unknown) => {
        throw new AppError('invalid_input', 'Expected multipart/form-data with one or more "file" fields.', { cause: error })
      })
      const files = ([] as unknown[]).concat(form.file ?? []).filter((f): f is File => f instanceof File)
      if (files.length === 0) throw new AppError('invalid_input', 'Attach at least one file in a "file" field.')
      if (files.length > MAX_FILES_PER_UPLOAD) throw new AppError('invalid_input', `At most ${MAX_FILES_PER_UPLOAD} files per upload.`)
      const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined)
      const source = field('source') === 'cli' ? 'cli' : 'api'
      // The CLI sends one file per request: its name is what people see (relative to the folder
      // given), `path` the file's full path, which identifies it so a changed file is a new version.
      const path = source === 'cli' && files.length === 1 ? field('path') : undefined
      const receipts = []
      for (const file of files) {
        receipts.push(
          await deps.core.ingest({
            workspace: field('workspace') ?? 'local',
            visibleIn: field('channel') ?? null,
            bytes: new Uint8Array(await file.arrayBuffer()),
            filename: file.name,
            ...(file.type ? { mimeType: file.type } : {}),
            source,
            sourceRef: path ?? file.name,
            ...(path ? { sourceLabel: file.name } : {}),
          }),
        )
      }
      return c.json(receipts, 202)
    })
    .openapi(getDocumentRoute, async (c) => {
      const document = await deps.core.getDocument(pathId(c, 'document'))
      const parts = await deps.core.listDocuments({ parentId: document.id })
      return c.json({ document, parts }, 200)
    })
    .openapi(deleteDocumentRoute, async (c) => {
      const id = pathId(c, 'document')
      await deps.core.forget(id)
      return c.json({ deleted: id }, 200)
    })
}
