import { round2 } from './latency-summary.ts'

export type Figure = { figure: string } & Record<string, string | number | boolean | null>

/**
 * Human-readable lines go out as they happen; the figures are kept and printed
 * last, one JSON object per line, so a script can take the tail of the output.
 */
export function createReport(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  const figures: Figure[] = []
  return {
    line: (text: string) => write(text),
    figure(figure: Figure) {
      figures.push(figure)
    },
    /** Peak RSS so far (maxRSS is in KB) and current RSS, recorded as a figure. */
    memory(after: string) {
      const peak = round2(process.resourceUsage().maxRSS / 1024)
      const rss = round2(process.memoryUsage().rss / (1024 * 1024))
      write(`  memory after ${after}: peak RSS ${peak} MB, current RSS ${rss} MB`)
      figures.push({ figure: 'rss', after, peak_rss_mb: peak, rss_mb: rss })
    },
    flush() {
      for (const figure of figures) write(JSON.stringify(figure))
    },
  }
}

export type Report = ReturnType<typeof createReport>
