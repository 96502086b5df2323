import { type FeedbackItem, sanitizeLabel } from '../../src/index.ts'
import type { DocuQueryClient } from './docuquery-client.ts'
import type { Output } from './output.ts'

const reasonWords: Record<string, string> = {
  wrong_source: 'wrong source',
  outdated: 'outdated',
  not_answered: 'did not answer the question',
  other: 'other',
}

/**
 * One `feedback --export` line: the corpus-qa format (`q`, `doc`, `expect`, `style`)
 * with `doc`, `expect` and `style` left for a person to label, and what was
 * cited and said beside it, so that every 👎 can become an evaluation case.
 */
export function exportLine(item: FeedbackItem) {
  return {
    q: item.question,
    doc: '',
    expect: [] as string[],
    style: '',
    cited: item.sources.map((s) => (s.page ? `${s.source} (p. ${s.page})` : s.source)),
    answer: item.answer,
    reason: item.reason,
    note: item.note,
    workspace: item.workspace,
    askedAt: item.askedAt,
  }
}

/** `docuquery feedback [--since 7d] [--workspace W] [--json|--export]`: answers marked not helpful. */
export async function feedbackCommand(
  client: DocuQueryClient,
  options: { since: string; workspace?: string; json: boolean; export: boolean },
  out: Output,
): Promise<number> {
  const items = await client.feedback({ since: options.since, ...(options.workspace ? { workspace: options.workspace } : {}) })
  if (options.export) {
    for (const item of items) out.line(JSON.stringify(exportLine(item)))
    return 0
  }
  if (options.json) {
    for (const item of items) out.line(JSON.stringify(item))
    return 0
  }
  if (items.length === 0) {
    out.line(`No answers were marked not helpful in the last ${options.since}.`)
    return 0
  }
  for (const item of items) {
    // Questions, notes and titles came from people and documents: no control character reaches the terminal.
    out.line(`${item.at.slice(0, 16).replace('T', ' ')}  ${item.workspace}${item.channel ? ` #${item.channel}` : ''}${item.by ? `  marked by ${item.by}` : ''}`)
    out.line(`  Q: ${sanitizeLabel(item.question)}`)
    const why = [item.reason ? reasonWords[item.reason] : null, item.note ? `“${sanitizeLabel(item.note)}”` : null].filter(Boolean)
    if (why.length > 0) out.line(`  Why: ${why.join(': ')}`)
    if (!item.grounded) out.line('  (the bot had declined: nothing in the documents answered it)')
    for (const source of item.sources) out.line(`  cited: ${sanitizeLabel(source.title)}${source.page ? `, p. ${source.page}` : ''}`)
    out.line('')
  }
  out.line(`${items.length} answer${items.length === 1 ? '' : 's'} marked not helpful. \`docuquery feedback --export > cases.jsonl\` turns them into evaluation cases.`)
  return 0
}
