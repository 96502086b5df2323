import type { LoggedQuestion } from '../../../../src/index.ts'
import { html } from 'hono/html'
import { type Html, badge, layout, when } from '../console-layout.ts'
import { format } from '../svg-charts.ts'

export type QuestionView = 'all' | 'declined' | 'not_helpful'

export interface QuestionsPageInput {
  questions: LoggedQuestion[]
  show: QuestionView
  workspace: string
  q: string
  page: number
  pageSize: number
  workspaces: string[]
  csrf: string
  canLogOut: boolean
}

const tabs: Array<[QuestionView, string]> = [
  ['all', 'All questions'],
  ['declined', 'Declined: coverage gaps'],
  ['not_helpful', 'Not helpful'],
]

const hints: Record<QuestionView, string> = {
  all: 'Every question, newest first, with what was answered and from which documents.',
  declined: 'Questions the documents do not answer: what to add, or which channel lacks a document.',
  not_helpful: 'Answers people marked not helpful (a thumbs-down in Slack or Discord): check the sources they came from.',
}

function entry(q: LoggedQuestion): Html {
  return html`<article class="q" data-grounded="${String(q.grounded)}">
<div class="meta">${badge(q.grounded ? 'grounded' : 'declined', q.grounded ? 'answered' : 'declined')}${q.cacheHit ? badge('cached', 'cache hit') : ''}${q.feedback ? badge(q.feedback, q.feedback === 'helpful' ? 'helpful' : `not helpful${q.feedbackReason ? `: ${q.feedbackReason.replace('_', ' ')}` : ''}`) : ''}
<span>${when(q.askedAt)}</span><span>${q.workspace}${q.channel ? ` · ${q.channel}` : ''}</span>${q.asker ? html`<span>asked by ${q.asker}</span>` : ''}
<span>${format(q.latencyMs)} ms</span><span>${q.provider}</span>${q.tokensIn !== null || q.tokensOut !== null ? html`<span>${q.tokensIn ?? 0} → ${q.tokensOut ?? 0} tokens</span>` : ''}</div>
<div class="question">${q.question}</div>
<details><summary>Answer${q.sources.length > 0 ? ` · ${q.sources.length} source${q.sources.length === 1 ? '' : 's'}` : ''}</summary>
<div class="answer">${q.answer}</div>
${q.sources.length > 0
  ? html`<ul class="sources">${q.sources.map((s) => html`<li>${s.title}${s.page !== null ? `, page ${s.page}` : ''}</li>`)}</ul>`
  : ''}
${q.feedbackNote ? html`<p class="muted">Their words: “${q.feedbackNote}”</p>` : ''}
</details>
</article>`
}

/** The question log, with the two views admins act on: coverage gaps and answers judged not helpful. */
export function questionsPage(input: QuestionsPageInput): Html {
  const link = (changes: Record<string, string | number>) => {
    const params = new URLSearchParams()
    const all = { show: input.show, workspace: input.workspace, q: input.q, page: input.page, ...changes }
    for (const [key, value] of Object.entries(all)) if (value !== '' && value !== 'all' && value !== 0) params.set(key, String(value))
    return `/admin/questions${params.size > 0 ? `?${params}` : ''}`
  }
  return layout({
    title: 'Questions',
    page: 'questions',
    csrf: input.csrf,
    canLogOut: input.canLogOut,
    body: html`<h1>Questions</h1>
<nav class="tabs">${tabs.map(([key, label]) => html`<a href="${link({ show: key, page: 0 })}"${key === input.show ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>
<p class="muted">${hints[input.show]}</p>
<form class="filters" method="get" action="/admin/questions">
${input.show === 'all' ? '' : html`<input type="hidden" name="show" value="${input.show}">`}
<label>Search <input type="search" name="q" value="${input.q}" placeholder="words in the question"></label>
<label>Workspace <select name="workspace"><option value="">all</option>${input.workspaces.map((w) => html`<option${w === input.workspace ? html` selected` : ''}>${w}</option>`)}</select></label>
<button type="submit">Filter</button>
</form>
${input.questions.length === 0 ? html`<p class="muted">No questions here.</p>` : input.questions.map(entry)}
<div class="pager">${input.page > 0 ? html`<a href="${link({ page: input.page - 1 })}">← newer</a>` : ''}${input.questions.length === input.pageSize ? html`<a href="${link({ page: input.page + 1 })}">older →</a>` : ''}</div>`,
  })
}
