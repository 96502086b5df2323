import Table from 'cli-table3'

/** Tables never exceed this many columns, piped or not, so they fit a terminal and a log. */
export const MAX_TABLE_WIDTH = 100

export interface TableStyle {
  /** ANSI colours: only on a terminal and without NO_COLOR. */
  color: boolean
}

type Cell = string | number

/**
 * A bordered table exactly MAX_TABLE_WIDTH wide: `widths` are the first columns'
 * widths (padding included), the last column takes the rest. Long words (paths)
 * are cut across lines rather than truncated, so nothing printed is lost.
 */
export function renderTable(head: readonly string[], widths: readonly number[], rows: ReadonlyArray<readonly Cell[]>, style: TableStyle): string {
  const borders = head.length + 1
  const colWidths = [...widths, MAX_TABLE_WIDTH - borders - widths.reduce((a, b) => a + b, 0)]
  // Colours are ours to decide (terminal, NO_COLOR): cli-table3's own would also switch off whenever CI is set.
  const table = new Table({
    head: head.map((h) => (style.color ? `\u001b[1;36m${h}\u001b[22;39m` : h)),
    colWidths,
    style: { head: [], border: [] },
  })
  // Cells are wrapped here (cli-table3 would truncate a long path or cut every word).
  for (const row of rows) table.push(row.map((cell, i) => wrapText(String(cell), (colWidths[i] ?? 10) - 2)))
  return table.toString()
}

/** Wraps at spaces; a word longer than the line (a path, an id) is cut, after a `/` where it can be. */
export function wrapText(text: string, width: number): string {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/ +/)) {
      let rest = word
      if (line && line.length + 1 + rest.length <= width) {
        line += ` ${rest}`
        continue
      }
      if (line) lines.push(line)
      while (rest.length > width) {
        const slash = rest.lastIndexOf('/', width - 1)
        const cut = slash > width / 3 ? slash + 1 : width
        lines.push(rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = rest
    }
    lines.push(line)
  }
  return lines.join('\n')
}

/** Two-column key/value table (stats). */
export function renderPairs(pairs: ReadonlyArray<readonly [string, string]>, style: TableStyle): string {
  const keyWidth = Math.max(...pairs.map(([key]) => key.length)) + 2
  const valueWidth = MAX_TABLE_WIDTH - 3 - keyWidth
  const table = new Table({ colWidths: [keyWidth, valueWidth], style: { head: [], border: [] } })
  for (const [key, value] of pairs) table.push({ [style.color ? `\u001b[1;36m${key}\u001b[22;39m` : key]: wrapText(value, valueWidth - 2) })
  return table.toString()
}
