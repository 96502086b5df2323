/**
 * Paginated plain text (RFCs, line-printer output) repeats a header and footer
 * on every page ("RFC 5322  Internet Message Format  October 2008",
 * "Resnick  Standards Track  [Page 12]"). Such lines carry no content and
 * would pollute every chunk, so lines that open or close most pages are dropped.
 */
const MIN_PAGES = 3
const MIN_SHARE = 0.5

export function dropRunningHeaders(pages: readonly string[]): string[] {
  if (pages.length < MIN_PAGES) return [...pages]
  const counts = new Map<string, number>()
  for (const page of pages) {
    for (const line of new Set(edgeLines(page))) counts.set(line, (counts.get(line) ?? 0) + 1)
  }
  const running = new Set([...counts].filter(([, count]) => count / pages.length >= MIN_SHARE).map(([line]) => line))
  if (running.size === 0) return [...pages]
  return pages.map((page) => {
    const lines = page.split('\n')
    const edges = new Set(edgeIndexes(lines))
    return lines.filter((line, index) => !(edges.has(index) && running.has(shape(line)))).join('\n')
  })
}

function edgeLines(page: string): string[] {
  const lines = page.split('\n')
  return edgeIndexes(lines).map((index) => shape(lines[index] ?? ''))
}

/** The first and last non-blank line of a page. */
function edgeIndexes(lines: readonly string[]): number[] {
  const filled = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]))
  const first = filled[0]
  const last = filled.at(-1)
  return first === undefined || last === undefined ? [] : [...new Set([first, last])]
}

/** Page numbers differ from page to page; the rest of the line does not. */
function shape(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#')
}
