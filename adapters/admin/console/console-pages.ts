import { type DocumentStatus, documentStatuses, formatBytes, isAppError } from '../../../src/index.ts'
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { ConsoleEnv } from './console-auth.ts'
import type { ConsoleDeps } from './console-deps.ts'
import { type DocumentFilters, documentRows, documentsPage } from './pages/documents-page.ts'
import { overviewPage } from './pages/overview-page.ts'
import { type QuestionView, questionsPage } from './pages/questions-page.ts'
import { settingsPage } from './pages/settings-page.ts'

const QUESTIONS_PER_PAGE = 50
const DOCUMENTS_SHOWN = 500
const ACTIVITY_DAYS = 14

export const documentFilters = (c: Context): DocumentFilters => ({
  q: c.req.query('q')?.trim() ?? '',
  workspace: c.req.query('workspace')?.trim() ?? '',
  channel: c.req.query('channel')?.trim() ?? '',
  status: (documentStatuses as readonly string[]).includes(c.req.query('status') ?? '') ? (c.req.query('status') ?? '') : '',
})

const notices: Record<string, (c: Context) => string> = {
  uploaded: (c) => `${c.req.query('n') ?? 'The'} file${c.req.query('n') === '1' ? '' : 's'} received: they are read and indexed in the background (this list follows).`,
  forgotten: () => 'Forgotten: its passages are deleted and it is no longer cited.',
}

/** The console's pages (GET): server-rendered from the core's reads. */
export function consolePages(deps: ConsoleDeps) {
  const canLogOut = Boolean(deps.adminToken)
  const listDocuments = async (filters: DocumentFilters) => {
    try {
      return await deps.core.listDocuments({
        limit: DOCUMENTS_SHOWN,
        ...(filters.q ? { search: filters.q } : {}),
        ...(filters.workspace ? { workspace: filters.workspace } : {}),
        ...(filters.workspace && filters.channel ? { channel: filters.channel } : {}),
        ...(filters.status ? { status: filters.status as DocumentStatus } : {}),
      })
    } catch (error) {
      // A workspace or channel typed wrong names nothing: an empty list, not an error page.
      if (isAppError(error) && error.code === 'invalid_input') return []
      throw error
    }
  }

  /** The documents page, also rendered by actions that have something to say (an upload refused). */
  const renderDocuments = async (c: Context<ConsoleEnv>, extra: { notice?: string; error?: string; jobId?: string } = {}) => {
    const filters = documentFilters(c)
    const jobId = extra.jobId ?? c.req.query('job')
    const job = jobId ? await deps.core.job(jobId).catch(() => null) : null
    const notice = extra.notice ?? notices[c.req.query('notice') ?? '']?.(c)
    return documentsPage({
      documents: await listDocuments(filters),
      filters,
      workspaces: await deps.core.workspaces(),
      job,
      ...(notice ? { notice } : {}),
      ...(extra.error ? { error: extra.error } : {}),
      csrf: c.get('session').csrf,
      canLogOut,
      maxFileSize: formatBytes(deps.maxFileBytes),
    })
  }

  const app = new Hono<ConsoleEnv>()
    .get('/', async (c) => {
      const [stats, days] = await Promise.all([deps.core.stats(), deps.core.activity(ACTIVITY_DAYS)])
      return c.html(overviewPage({ stats, days, csrf: c.get('session').csrf, canLogOut }))
    })
    .get('/documents', async (c) => c.html(await renderDocuments(c)))
    .get('/documents/rows', async (c) => c.html(documentRows(await listDocuments(documentFilters(c)), c.get('session').csrf)))
    .get('/jobs/:id', async (c) => c.json(await deps.core.job(c.req.param('id'))))
    .get('/questions', async (c) => {
      const show: QuestionView = c.req.query('show') === 'declined' ? 'declined' : c.req.query('show') === 'not_helpful' ? 'not_helpful' : 'all'
      const page = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '0', 10) || 0, 0), 10_000)
      const workspace = c.req.query('workspace')?.trim() ?? ''
      const q = c.req.query('q')?.trim() ?? ''
      const questions = await deps.core.questions({
        declined: show === 'declined',
        notHelpful: show === 'not_helpful',
        ...(workspace ? { workspace } : {}),
        ...(q ? { search: q } : {}),
        limit: QUESTIONS_PER_PAGE,
        offset: page * QUESTIONS_PER_PAGE,
      })
      return c.html(
        questionsPage({ questions, show, workspace, q, page, pageSize: QUESTIONS_PER_PAGE, workspaces: await deps.core.workspaces(), csrf: c.get('session').csrf, canLogOut }),
      )
    })
    .get('/settings', async (c) => c.html(settingsPage({ stats: await deps.core.stats(), settings: deps.consoleSettings?.() ?? null, csrf: c.get('session').csrf, canLogOut })))
  return { app, renderDocuments }
}
