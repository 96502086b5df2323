import type { Stats } from '../../src/index.ts'
import { type TableStyle, renderPairs } from './table.ts'

export function renderStats(stats: Stats, style: TableStyle): string {
  const d = stats.documents
  const pairs: Array<[string, string]> = [
    ['Documents', `${d.total} (${d.indexed} indexed, ${d.pending + d.processing} in progress, ${d.failed} failed)`],
    ['Passages', String(stats.chunks)],
    ['Pages', String(stats.pages)],
    ['Workspaces', String(stats.workspaces)],
    ['Questions', `${stats.queries.total} (${stats.queries.grounded} answered from documents)`],
    ['Answer time', stats.queries.latencyP50Ms === null ? '—' : `p50 ${stats.queries.latencyP50Ms} ms, p95 ${stats.queries.latencyP95Ms} ms`],
    ['Embedding model', stats.embeddingModels.join(', ') || '—'],
    [
      'Answer models',
      (stats.answerModels ?? []).length === 0
        ? 'extractive (no provider keys)'
        : stats.answerModels.map((m) => (m.breaker === 'closed' ? m.model : `${m.model} (${m.breaker === 'open' ? 'skipped after failures' : 'being probed'})`)).join(' → '),
    ],
  ]
  if (stats.feedback) {
    const { helpful, notHelpful } = stats.feedback
    pairs.push(['Feedback', helpful + notHelpful === 0 ? 'none yet' : `👍 ${helpful} · 👎 ${notHelpful} (\`docuquery feedback\` lists the 👎)`])
  }
  if (stats.cache) pairs.push(['Answer cache', describeCache(stats.cache)])
  if (stats.failures.length > 0) pairs.push(['Failures', stats.failures.map((f) => `${f.code}: ${f.count}`).join(', ')])
  if (stats.limits) {
    pairs.push(['Rate limits', describeRateLimits(stats.limits.questions)])
    if (stats.limits.tokenBudget) pairs.push(['Token budget', describeTokenBudget(stats.limits.tokenBudget)])
  }
  return renderPairs(pairs, style)
}

/** "10 per user per 60 s, 120 per workspace per 60 s · Redis, 3 refused" */
function describeRateLimits(limits: NonNullable<Stats['limits']>['questions']): string {
  const parts = [
    limits.perUser ? `${limits.perUser.questions} per person per ${limits.perUser.windowSeconds} s` : null,
    limits.perWorkspace ? `${limits.perWorkspace.questions} per workspace per ${limits.perWorkspace.windowSeconds} s` : null,
  ].filter((p): p is string => p !== null)
  if (parts.length === 0) return 'off'
  const where = limits.store === 'redis' ? 'Redis, all processes' : 'this process'
  return `${parts.join(', ')} · ${where}, ${limits.refused} refused`
}

/** "50,000 tokens per workspace a day; today: slack:T01 12,000, local 50,210 (spent) · resets 00:00 UTC" */
function describeTokenBudget(budget: NonNullable<NonNullable<Stats['limits']>['tokenBudget']>): string {
  const n = (v: number) => v.toLocaleString('en-US')
  const today =
    budget.workspaces.length === 0
      ? 'none used today'
      : `today: ${budget.workspaces.map((w) => `${w.workspace} ${n(w.tokensToday)}${w.exhausted ? ' (spent: extractive answers)' : ''}`).join(', ')}`
  return `${n(budget.dailyTokens)} tokens per workspace a day; ${today} · resets at midnight UTC`
}

/** "12 hits, 30 misses (28.6 % hit rate), 15,230 tokens saved · redis" */
function describeCache(cache: Stats['cache']): string {
  const rate = cache.hitRate === null ? 'no lookups yet' : `${Math.round(cache.hitRate * 1000) / 10} % hit rate`
  const parts = [`${cache.hits} hits, ${cache.misses} misses (${rate})`, `${cache.tokensSaved.toLocaleString('en-US')} tokens saved`]
  if (cache.bypassed > 0) parts.push(`${cache.bypassed} bypassed while unreachable`)
  const where =
    cache.backend === 'off' ? 'off (CACHE_TTL_SECONDS=0)' : cache.backend === 'redis' ? `Redis${cache.available ? '' : ', unreachable now'}` : `in-process, ${cache.entries ?? 0} entries`
  return `${parts.join(', ')} · ${where}`
}
