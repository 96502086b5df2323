import { AppError, type IngestReceipt, isAppError } from '../../../src/index.ts'
import { Hono } from 'hono'
import { idSchema } from '../route-input.ts'
import type { ConsoleEnv } from './console-auth.ts'
import type { ConsoleDeps } from './console-deps.ts'
import type { consolePages } from './console-pages.ts'
import { failureInWords } from './pages/documents-page.ts'

const MAX_FILES_PER_UPLOAD = 100

type RenderDocuments = ReturnType<typeof consolePages>['renderDocuments']

/** The console's actions (POST, behind the session and CSRF checks): upload, reindex, forget; each answers with a page to go to. */
export function consoleActions(deps: ConsoleDeps, renderDocuments: RenderDocuments) {
  const id = (value: string) => {
    if (!idSchema.safeParse(value).success) throw new AppError('not_found', `no document with id ${value}`)
    return value
  }
  return new Hono<ConsoleEnv>()
    .post('/documents/upload', async (c) => {
      const form = await c.req.parseBody({ all: true })
      const files = ([] as unknown[]).concat(form.file ?? []).filter((f): f is File => f instanceof File && f.name !== '')
      const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '')
      if (files.length === 0) return c.html(await renderDocuments(c, { error: 'Choose or drop at least one file.' }), 400)
      if (files.length > MAX_FILES_PER_UPLOAD) return c.html(await renderDocuments(c, { error: `At most ${MAX_FILES_PER_UPLOAD} files at once.` }), 400)
      const receipts: IngestReceipt[] = []
      try {
        for (const file of files) {
          receipts.push(
            await deps.core.ingest({
              workspace: text('workspace') || 'local',
              visibleIn: text('channel') || null,
              bytes: new Uint8Array(await file.arrayBuffer()),
              filename: file.name,
              ...(file.type ? { mimeType: file.type } : {}),
              source: 'api',
              sourceRef: file.name,
            }),
          )
        }
      } catch (error) {
        if (isAppError(error) && error.code !== 'internal') return c.html(await renderDocuments(c, { error: error.message }), 400)
        throw error
      }
      const refused = receipts.filter((r) => r.status === 'failed' && r.error)
      if (refused.length === 0) return c.redirect(`/admin/documents?notice=uploaded&n=${receipts.length}`, 303)
      const words = refused.map((r) => `${r.source}: ${failureInWords(r.error ?? { code: 'internal', message: '' })}`).join(' · ')
      const accepted = receipts.length - refused.length
      return c.html(await renderDocuments(c, { error: `${accepted} of ${receipts.length} received. Refused — ${words}` }), refused.length === receipts.length ? 422 : 200)
    })
    .post('/documents/reindex', async (c) => {
      const job = await deps.core.reindex()
      return c.redirect(`/admin/documents?job=${job.id}`, 303)
    })
    .post('/documents/:id/reindex', async (c) => {
      const job = await deps.core.reindex(id(c.req.param('id')))
      return c.redirect(`/admin/documents?job=${job.id}`, 303)
    })
    .post('/documents/:id/forget', async (c) => {
      await deps.core.forget(id(c.req.param('id')))
      return c.redirect('/admin/documents?notice=forgotten', 303)
    })
}
