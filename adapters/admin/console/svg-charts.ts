import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

/** One coloured series of a chart; `tone` picks the colour class (s1…s6) from the stylesheet. */
export interface ChartSeries {
  label: string
  values: Array<number | null>
  tone: 1 | 2 | 3 | 4 | 5 | 6
}

export interface ChartInput {
  title: string
  /** One label per column (days: `YYYY-MM-DD`). */
  labels: string[]
  series: ChartSeries[]
  /** Appended to values in the axis and the tooltips (` ms`). */
  unit?: string
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>

// Charts are inline SVG drawn on the server: no chart library, no script, readable at any width.
const W = 400
const H = 190
const left = 40
const right = 8
const top = 10
const bottom = 24
const plotW = W - left - right
const plotH = H - top - bottom

/** Stacked columns: one column per label, its series stacked. */
export function columnChart(input: ChartInput): Html {
  const totals = input.labels.map((_, i) => input.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))
  const max = niceMax(Math.max(0, ...totals))
  const slot = plotW / Math.max(input.labels.length, 1)
  const width = Math.max(slot * 0.7, 1)
  const bars = input.labels.map((label, i) => {
    let base = 0
    return input.series.map((series) => {
      const value = series.values[i] ?? 0
      if (value <= 0) return ''
      const y = top + plotH - ((base + value) / max) * plotH
      const h = (value / max) * plotH
      base += value
      return html`<rect class="s${series.tone}" x="${fixed(left + i * slot + (slot - width) / 2)}" y="${fixed(y)}" width="${fixed(width)}" height="${fixed(h)}"><title>${label} · ${series.label}: ${format(value)}${input.unit ?? ''}</title></rect>`
    })
  })
  return frame(input, max, bars)
}

/** Lines: one per series; a null value (no data that day) breaks nothing, it is skipped. */
export function lineChart(input: ChartInput): Html {
  const max = niceMax(Math.max(0, ...input.series.flatMap((s) => s.values.filter((v): v is number => v !== null))))
  const slot = plotW / Math.max(input.labels.length, 1)
  const x = (i: number) => left + i * slot + slot / 2
  const y = (v: number) => top + plotH - (v / max) * plotH
  const lines = input.series.map((series) => {
    const points = series.values.flatMap((v, i) => (v === null ? [] : [{ i, v }]))
    return html`<polyline class="s${series.tone}" points="${points.map((p) => `${fixed(x(p.i))},${fixed(y(p.v))}`).join(' ')}"></polyline>${points.map(
      (p) => html`<circle class="s${series.tone}" cx="${fixed(x(p.i))}" cy="${fixed(y(p.v))}" r="3"><title>${input.labels[p.i]} · ${series.label}: ${format(p.v)}${input.unit ?? ''}</title></circle>`,
    )}`
  })
  return frame(input, max, lines)
}

function frame(input: ChartInput, max: number, marks: unknown): Html {
  const n = input.labels.length
  const slot = plotW / Math.max(n, 1)
  const ticks = [0, max / 2, max]
  // First, middle and last day: enough to read the time axis on a phone.
  const dayTicks = n <= 6 ? input.labels.map((_, i) => i) : [...new Set([0, Math.floor((n - 1) / 2), n - 1])]
  const empty = input.series.every((s) => s.values.every((v) => v === null || v === 0))
  return html`<figure class="chart-figure">
<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${input.title}">
${ticks.map((t) => html`<line class="grid" x1="${left}" x2="${W - right}" y1="${fixed(top + plotH - (t / max) * plotH)}" y2="${fixed(top + plotH - (t / max) * plotH)}"></line><text x="${left - 6}" y="${fixed(top + plotH - (t / max) * plotH + 4)}" text-anchor="end">${format(t)}</text>`)}
${dayTicks.map((i) => html`<text x="${fixed(left + i * slot + slot / 2)}" y="${H - 6}" text-anchor="middle">${shortDay(input.labels[i] ?? '')}</text>`)}
${marks}
${empty ? html`<text x="${left + plotW / 2}" y="${top + plotH / 2}" text-anchor="middle">no data yet</text>` : ''}
</svg>
<figcaption class="legend">${input.series.map((s) => html`<span><i class="s${s.tone}"></i>${s.label}</span>`)}</figcaption>
</figure>`
}

/** 1, 2 or 5 × a power of ten, at least 1: round axis labels. */
export function niceMax(value: number): number {
  if (value <= 1) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

const fixed = (n: number) => n.toFixed(1)
const shortDay = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(5) : day)
export const format = (n: number): string =>
  n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : Number.isInteger(n) ? String(n) : n.toFixed(1)
