import { describe, expect, it } from 'vitest'
import { columnChart, lineChart, niceMax } from './svg-charts.ts'

const heights = (svg: string) => [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]))

describe('svg charts', () => {
  it('rounds the axis up to 1, 2 or 5 × a power of ten', () => {
    expect([0, 1, 3, 10, 11, 240, 501].map(niceMax)).toEqual([1, 1, 5, 10, 20, 500, 1000])
  })

  it('stacks columns in proportion, with a tooltip per segment, and escapes labels', async () => {
    const svg = String(
      await columnChart({
        title: 'Questions <per> day',
        labels: ['2026-11-28', '2026-11-29'],
        series: [
          { label: 'answered', tone: 4, values: [2, 6] },
          { label: 'declined & <b>', tone: 2, values: [0, 4] },
        ],
      }),
    )
    // Axis 0–10 over 156 units: 2 → 31.2, 6 → 93.6, 4 → 62.4; a zero draws nothing.
    expect(heights(svg)).toEqual([31.2, 93.6, 62.4])
    expect(svg).toContain('<title>2026-11-29 · declined &amp; &lt;b&gt;: 4</title>')
    expect(svg).toContain('aria-label="Questions &lt;per&gt; day"')
    expect(svg).not.toContain('no data yet')
  })

  it('draws lines through the days that have a value, and says when there is nothing', async () => {
    const svg = String(await lineChart({ title: 'Latency', labels: ['a', 'b', 'c'], unit: ' ms', series: [{ label: 'p50', tone: 1, values: [100, null, 300] }] }))
    expect(svg.match(/<circle/g)).toHaveLength(2)
    expect(svg).toContain('c · p50: 300 ms')
    const empty = String(await lineChart({ title: 'Latency', labels: ['a'], series: [{ label: 'p50', tone: 1, values: [null] }] }))
    expect(empty).toContain('no data yet')
  })
})
