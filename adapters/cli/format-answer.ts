import { type AnswerResult, sanitizeLabel, stripControlCharacters } from '../../src/index.ts'

/** Everything here came from documents: control characters are stripped again before they reach the terminal. */
export function renderAnswer(result: AnswerResult): string {
  const lines = [stripControlCharacters(result.answer), '']
  if (result.citations.length > 0) {
    lines.push(result.grounded ? 'Sources:' : 'Closest passages:')
    result.citations.forEach((c, i) => {
      const title = sanitizeLabel(c.title)
      const source = sanitizeLabel(c.source)
      const where = [c.page !== null ? `p. ${c.page}` : null, source !== title ? source : null].filter(Boolean).join(' · ')
      lines.push(`  [${i + 1}] ${title}${where ? ` — ${where}` : ''}`)
      lines.push(`      “${sanitizeLabel(c.snippet)}”`)
    })
    lines.push('')
  }
  lines.push(`(${result.cached ? 'cached, ' : ''}${sanitizeLabel(result.provider)}, ${result.latencyMs} ms)`)
  return lines.join('\n')
}
