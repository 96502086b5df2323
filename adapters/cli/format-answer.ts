import type { AnswerResult } from '../../src/answer/answer-result.ts'

export function renderAnswer(result: AnswerResult): string {
  const lines = [result.answer, '']
  if (result.citations.length > 0) {
    lines.push(result.grounded ? 'Sources:' : 'Closest passages:')
    result.citations.forEach((c, i) => {
      const where = [c.page !== null ? `p. ${c.page}` : null, c.source !== c.title ? c.source : null].filter(Boolean).join(' · ')
      lines.push(`  [${i + 1}] ${c.title}${where ? ` — ${where}` : ''}`)
      lines.push(`      “${c.snippet}”`)
    })
    lines.push('')
  }
  lines.push(`(${result.cached ? 'cached, ' : ''}${result.provider}, ${result.latencyMs} ms)`)
  return lines.join('\n')
}
