import { documentStatuses, type DocumentView, type ErrorCode, type JobView } from '../../../../src/index.ts'
import { html } from 'hono/html'
import { errorWords } from '../../../shared/error-words.ts'
import { type Html, badge, flash, layout, when } from '../console-layout.ts'

export interface DocumentFilters {
  q: string
  workspace: string
  channel: string
  status: string
}

export interface DocumentsPageInput {
  documents: DocumentView[]
  filters: DocumentFilters
  workspaces: string[]
  job: JobView | null
  notice?: string
  error?: string
  csrf: string
  canLogOut: boolean
  maxFileSize: string
}

/** Why a document failed, for people: the error's label, then the core's own words ("it has no text layer"). */
export function failureInWords(error: { code: string; message: string }): string {
  const label = errorWords[error.code as ErrorCode]?.label ?? error.code.replaceAll('_', ' ')
  const message = error.message.trim()
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}${message ? `: ${/[.!?]$/.test(message) ? message : `${message}.`}` : '.'}`
}

export const filterQuery = (filters: DocumentFilters): string =>
  new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString()

/** The table's rows alone: the page, and its live refresh while documents are being read. */
export function documentRows(documents: DocumentView[], csrf: string): Html {
  if (documents.length === 0) return html`<tr><td colspan="7" class="muted">No documents match.</td></tr>`
  return html`${documents.map(
    (d) => html`<tr data-status="${d.status}" data-title="${d.title}">
<td><strong>${d.title}</strong><div class="sub">${d.source} · ${d.origin}${d.parentId ? ' · part of an e-mail' : ''}</div>${d.error ? html`<div class="reason">${failureInWords(d.error)}</div>` : ''}</td>
<td class="wide">${d.workspace}<div class="sub">${d.visibility === 'workspace' ? 'whole workspace' : `channel ${d.visibility} only`}</div></td>
<td>${badge(d.status)}</td>
<td class="num wide">${d.pages ?? '–'}</td>
<td class="num">${d.chunks}</td>
<td class="wide">${when(d.indexedAt ?? d.updatedAt)}</td>
<td class="actions">
<form method="post" action="/admin/documents/${d.id}/reindex"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Reindex</button></form>
<form method="post" action="/admin/documents/${d.id}/forget" data-confirm="Forget “${d.title}”? Its passages are deleted and it is no longer cited."><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="danger">Forget</button></form>
</td>
</tr>`,
  )}`
}

export function documentsPage(input: DocumentsPageInput): Html {
  const { filters, csrf } = input
  const query = filterQuery(filters)
  return layout({
    title: 'Documents',
    page: 'documents',
    csrf,
    canLogOut: input.canLogOut,
    body: html`<h1>Documents</h1>
${flash(input.notice)}${flash(input.error, 'error')}
<div class="toolbar">
<form class="dropzone" data-dropzone method="post" action="/admin/documents/upload" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${csrf}">
<div>Drop files here, or choose them (PDF, DOCX, e-mail, Markdown, HTML, text; at most ${input.maxFileSize} each).</div>
<div class="row">
<label>Files <input type="file" name="file" multiple required></label>
<label>Workspace <input name="workspace" value="${filters.workspace || 'local'}" list="workspaces" size="12"></label>
<label>Channel (optional) <input name="channel" size="10" placeholder="whole workspace"></label>
<button class="primary" type="submit">Upload</button>
</div>
</form>
<section class="panel">
<h2>Reindex</h2>
${input.job
  ? html`<div data-job="${input.job.id}" data-state="${input.job.status}"><progress value="${input.job.done}" max="${Math.max(input.job.total, 1)}"></progress>
<span data-job-label>${input.job.done} of ${input.job.total} done${input.job.failed ? `, ${input.job.failed} failed` : ''} — ${input.job.status}</span></div>`
  : html`<p class="muted">Reads every document again from its stored bytes (after a parser or embedding change). Questions are answered meanwhile.</p>`}
<form method="post" action="/admin/documents/reindex" data-confirm="Reindex every document?"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Reindex all</button></form>
</section>
</div>
<datalist id="workspaces">${input.workspaces.map((w) => html`<option value="${w}"></option>`)}</datalist>
<form class="filters" method="get" action="/admin/documents">
<label>Search <input type="search" name="q" value="${filters.q}" placeholder="title or source"></label>
<label>Workspace <select name="workspace"><option value="">all</option>${input.workspaces.map((w) => html`<option${w === filters.workspace ? html` selected` : ''}>${w}</option>`)}</select></label>
<label>Visible in channel <input name="channel" value="${filters.channel}" size="10"></label>
<label>Status <select name="status"><option value="">any</option>${documentStatuses.map((s) => html`<option${s === filters.status ? html` selected` : ''}>${s}</option>`)}</select></label>
<button type="submit">Filter</button>
</form>
<div class="table-wrap"><table>
<thead><tr><th>Document</th><th class="wide">Workspace</th><th>Status</th><th class="wide">Pages</th><th>Chunks</th><th class="wide">Updated</th><th></th></tr></thead>
<tbody data-live="/admin/documents/rows${query ? `?${query}` : ''}">${documentRows(input.documents, csrf)}</tbody>
</table></div>
<p class="muted">${input.documents.length} document${input.documents.length === 1 ? '' : 's'} shown, newest first.</p>`,
  })
}
