import type { ActivityDay, Stats } from '../../../../src/index.ts'
import { html } from 'hono/html'
import { type Html, layout, percent } from '../console-layout.ts'
import { type ChartSeries, columnChart, format, lineChart } from '../svg-charts.ts'

export interface OverviewInput {
  stats: Stats
  days: ActivityDay[]
  csrf: string
  canLogOut: boolean
}

const card = (value: string, label: string) => html`<div class="card"><div class="value">${value}</div><div class="label">${label}</div></div>`

/** Overview: documents by status, and the last days of questions, as figures and charts. */
export function overviewPage({ stats, days, csrf, canLogOut }: OverviewInput): Html {
  const labels = days.map((d) => d.day)
  const sum = (pick: (d: ActivityDay) => number) => days.reduce((total, d) => total + pick(d), 0)
  const questions = sum((d) => d.questions)
  const grounded = sum((d) => d.grounded)
  const hits = sum((d) => d.cacheHits)
  const helpful = sum((d) => d.helpful)
  const notHelpful = sum((d) => d.notHelpful)
  const providers = [...new Set(days.flatMap((d) => Object.keys(d.providers)))].sort()
  const docs = stats.documents
  const statusSeries: ChartSeries[] = (
    [
      ['indexed', docs.indexed, 4],
      ['pending', docs.pending, 6],
      ['processing', docs.processing, 1],
      ['failed', docs.failed, 2],
    ] as const
  ).map(([label, value, tone], i) => ({ label, tone, values: [0, 1, 2, 3].map((j) => (j === i ? value : 0)) }))
  const ms = (v: number | null) => (v === null ? '–' : `${format(v)} ms`)
  const span = `last ${days.length} days`

  return layout({
    title: 'Overview',
    page: 'overview',
    csrf,
    canLogOut,
    body: html`<h1>Overview</h1>
<div class="cards">
${card(String(docs.indexed), 'documents indexed')}
${card(String(docs.pending + docs.processing), 'being read')}
${card(String(docs.failed), 'failed')}
${card(String(questions), `questions, ${span}`)}
${card(percent(grounded, questions), 'answered from the documents')}
${card(percent(questions - grounded, questions), 'declined (not in the documents)')}
${card(percent(hits, questions), 'answered from the cache')}
${card(`${ms(stats.queries.latencyP50Ms)} / ${ms(stats.queries.latencyP95Ms)}`, 'answer latency p50 / p95')}
${card(`${helpful} / ${notHelpful}`, `helpful / not helpful answers, ${span}`)}
</div>
<div class="grid2">
<section class="panel"><h2>Documents by status</h2>${columnChart({ title: 'Documents by status', labels: statusSeries.map((s) => s.label), series: statusSeries })}</section>
<section class="panel"><h2>Questions per day</h2>${columnChart({
      title: 'Questions per day',
      labels,
      series: [
        { label: 'answered', tone: 4, values: days.map((d) => d.grounded) },
        { label: 'declined', tone: 2, values: days.map((d) => d.declined) },
      ],
    })}</section>
<section class="panel"><h2>Answer cache</h2>${columnChart({
      title: 'Cache hits per day',
      labels,
      series: [
        { label: 'from the cache', tone: 1, values: days.map((d) => d.cacheHits) },
        { label: 'answered afresh', tone: 6, values: days.map((d) => d.questions - d.cacheHits) },
      ],
    })}</section>
<section class="panel"><h2>Answer latency</h2>${lineChart({
      title: 'Answer latency per day',
      labels,
      unit: ' ms',
      series: [
        { label: 'p50', tone: 1, values: days.map((d) => d.latencyP50Ms) },
        { label: 'p95', tone: 3, values: days.map((d) => d.latencyP95Ms) },
      ],
    })}</section>
<section class="panel"><h2>Answer-model tokens per day</h2>${columnChart({
      title: 'Tokens per day',
      labels,
      series: [
        { label: 'tokens in', tone: 3, values: days.map((d) => d.tokensIn) },
        { label: 'tokens out', tone: 5, values: days.map((d) => d.tokensOut) },
      ],
    })}</section>
<section class="panel"><h2>Providers per day</h2>${columnChart({
      title: 'Questions per answer provider per day',
      labels,
      series: providers.map((provider, i) => ({ label: provider, tone: ((i % 6) + 1) as ChartSeries['tone'], values: days.map((d) => d.providers[provider] ?? 0) })),
    })}</section>
<section class="panel"><h2>Feedback per day</h2>${columnChart({
      title: 'Feedback per day',
      labels,
      series: [
        { label: 'helpful', tone: 4, values: days.map((d) => d.helpful) },
        { label: 'not helpful', tone: 2, values: days.map((d) => d.notHelpful) },
      ],
    })}</section>
</div>
<p class="muted">Days are UTC. Latency is measured from the question to the answer, cache hits included. <a href="/admin/questions?show=declined">What people asked that the documents do not cover →</a></p>`,
  })
}
