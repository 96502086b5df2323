import { AppError, formatBytes } from '../../../src/index.ts'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { AdminEnv } from '../admin-env.ts'
import type { AdminDeps } from '../admin-deps.ts'
import { idSchema, parseQuery, pathId } from '../route-input.ts'

const MAX_FILES_PER_UPLOAD = 100

const listQuery = z.object({
  workspace: z.string().trim().min(1).optional(),
  channel: z.string().trim().min(1).optional(),
  parent: idSchema.optional(),
  status: z.enum(['pending', 'processing', 'indexed', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
})

export function documentRoutes(deps: Pick<AdminDeps, 'core' | 'maxFileBytes'>) {
  // One file at the limit plus the multipart overhead; more files, more room.
  const uploadLimit = bodyLimit({
    maxSize: deps.maxFileBytes * 4 + 1024 * 1024,
    onError: () => {
      throw new AppError('too_large', `The upload is too large (each file may be at most ${formatBytes(deps.maxFileBytes)}).`)
    },
  })

  return new Hono<AdminEnv>()
    .get('/', async (c) => {
      const { workspace, channel, parent, status, limit } = parseQuery(c, listQuery)
      const documents = await deps.core.listDocuments({
        ...(workspace ? { workspace } : {}),
        ...(workspace && channel ? { channel } : {}),
        ...(parent ? { parentId: parent } : {}),
        ...(status ? { status } : {}),
        ...(limit ? { limit } : {}),
      })
      return c.json({ documents })
    })
    .post('/', uploadLimit, async (c) => {
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
    .get('/:id', async (c) => {
      const document = await deps.core.getDocument(pathId(c, 'document'))
      const parts = await deps.core.listDocuments({ parentId: document.id })
      return c.json({ document, parts })
    })
    .delete('/:id', async (c) => {
      const id = pathId(c, 'document')
      await deps.core.forget(id)
      return c.json({ deleted: id })
    })
}
