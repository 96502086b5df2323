import type { Stats } from '../../../../src/index.ts'
import { html } from 'hono/html'
import type { ConsoleSettings } from '../console-deps.ts'
import { type Html, badge, layout, percent } from '../console-layout.ts'

export interface SettingsPageInput {
  stats: Stats
  settings: ConsoleSettings | null
  csrf: string
  canLogOut: boolean
}

const limit = (l: { questions: number; windowSeconds: number } | null) => (l ? `${l.questions} per ${l.windowSeconds} s` : 'none')

/** Read-only: what is switched on and why, which models answer and embed, and how the cache and queue are doing. */
export function settingsPage({ stats, settings, csrf, canLogOut }: SettingsPageInput): Html {
  const cache = stats.cache
  const questions = stats.limits?.questions
  const budget = stats.limits?.tokenBudget ?? null
  const current = settings?.embeddingModel
  const older = stats.embeddingModels.filter((m) => m !== current)
  return layout({
    title: 'Settings',
    page: 'settings',
    csrf,
    canLogOut,
    body: html`<h1>Settings</h1>
<p class="muted">Read-only: these come from the environment (see .env.example); change them there and restart.</p>
<section class="panel"><h2>Adapters</h2>
${settings
  ? html`<div class="table-wrap"><table><tbody>${settings.adapters.map((a) => html`<tr><td><strong>${a.name}</strong></td><td>${badge(a.on ? 'on' : 'off')}</td><td>${a.detail}</td></tr>`)}</tbody></table></div>`
  : html`<p class="muted">Not known to this process.</p>`}
</section>
<div class="grid2">
<section class="panel"><h2>Answer models</h2>
${stats.answerModels.length === 0
  ? html`<p>Extractive answers: the best passages, quoted with citations (no answer model configured).</p>`
  : html`<ol>${stats.answerModels.map((m) => html`<li>${m.model} ${badge(m.breaker === 'closed' ? 'on' : m.breaker, `breaker ${m.breaker}`)}</li>`)}</ol>
<p class="muted">In fallback order. An open breaker skips that model until it recovers.</p>`}
<dl class="kv"><dt>Daily token budget</dt><dd>${budget ? `${budget.dailyTokens} tokens per workspace (resets ${budget.resetsAt})` : 'none'}</dd>
<dt>Questions per asker</dt><dd>${limit(questions?.perUser ?? null)}</dd>
<dt>Questions per workspace</dt><dd>${limit(questions?.perWorkspace ?? null)}</dd>
<dt>Refused by the limits</dt><dd>${questions?.refused ?? 0}</dd></dl>
</section>
<section class="panel"><h2>Embeddings</h2>
<dl class="kv"><dt>New documents</dt><dd>${current ?? '–'}</dd>
<dt>In the index</dt><dd>${stats.embeddingModels.length > 0 ? stats.embeddingModels.join(', ') : 'nothing indexed yet'}</dd></dl>
${current && older.length > 0 ? html`<p class="reason">Some documents are embedded with ${older.join(', ')}: reindex them to move them to ${current}.</p>` : ''}
</section>
<section class="panel"><h2>Answer cache</h2>
<dl class="kv"><dt>Backend</dt><dd>${cache.backend === 'redis' ? 'Redis (shared by every process)' : cache.backend === 'memory' ? 'in memory (this process)' : 'off'}</dd>
<dt>Hits / misses</dt><dd>${cache.hits} / ${cache.misses} (${cache.hitRate === null ? 'no lookups yet' : `${percent(cache.hits, cache.hits + cache.misses)} hit rate`})</dd>
<dt>Bypassed</dt><dd>${cache.bypassed}</dd>
<dt>Tokens saved</dt><dd>${cache.tokensSaved}</dd></dl>
</section>
<section class="panel"><h2>Ingest queue</h2>
<dl class="kv"><dt>Waiting</dt><dd>${stats.documents.pending}</dd>
<dt>Being read</dt><dd>${stats.documents.processing}</dd>
<dt>Indexed / failed</dt><dd>${stats.documents.indexed} / ${stats.documents.failed}</dd>
<dt>Chunks, pages</dt><dd>${stats.chunks}, ${stats.pages}</dd></dl>
<p class="muted">The database is the queue's source of truth: these are documents, not messages.</p>
</section>
</div>`,
  })
}
