import type { AnswerResult, Citation, DocumentView } from '../../src/index.ts'
import { splitMessage, unclosedFence } from '../shared/split-message.ts'

/** What chat.postMessage / chat.update / respond take. */
export interface SlackMessage {
  text: string
  blocks: Array<Record<string, unknown>>
}

// Slack: 3,000 characters per section block, 50 blocks, ~4,000 characters of text per message.
export const SECTION_LIMIT = 2900
const MESSAGE_TEXT_LIMIT = 3900
const MAX_BLOCKS = 50

/** Slack's three control characters; anything from a document or a model is escaped so it cannot ping @channel. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The Markdown answer models write, as Slack mrkdwn: escaped first, then links, bold and headings converted. */
export function toMrkdwn(markdown: string): string {
  const fenced = markdown.split(/(```[\s\S]*?(?:```|$))/g)
  return fenced
    .map((part, index) => {
      // Code: escaped, otherwise verbatim. Slack has no syntax highlighting and would
      // show a fence's language ("```bash") as the block's first line, so it is dropped.
      if (index % 2 === 1) return escapeMrkdwn(part).replace(/^```[^\n`]*\n/, '```\n')
      return escapeMrkdwn(part)
        .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => `<${url.replace(/&amp;/g, '&')}|${label}>`)
        .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
        .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    })
    .join('')
}

export function formatCitation(citation: Citation, number: number): string {
  const page = citation.page !== null ? ` — p. ${citation.page}` : ''
  const where = citation.link ? ` · <${citation.link}|shared here>` : ''
  return `[${number}] *${escapeMrkdwn(citation.title)}*${page}${where}`
}

/** The final answer: text, then its sources (or the closest ones when the documents do not answer). */
export function renderAnswer(result: AnswerResult): SlackMessage[] {
  const heading = result.grounded ? '*Sources*' : '*Closest sources*'
  const sources = result.citations.length > 0 ? [heading, ...result.citations.map((c, i) => formatCitation(c, i + 1))].join('\n') : ''
  return packSections([...splitMessage(toMrkdwn(result.answer), SECTION_LIMIT), ...(sources ? splitMessage(sources, SECTION_LIMIT) : [])])
}

/** What people see while a streaming model is still writing: the first section's worth, with an ellipsis. */
export function renderPartial(textSoFar: string): SlackMessage {
  const first = splitMessage(toMrkdwn(textSoFar), SECTION_LIMIT - 6)[0] ?? '…'
  // Mid-stream the model may be inside a code block: close it, or Slack shows the raw fence.
  const text = unclosedFence(first) === null ? `${first} …` : `${first}\n\`\`\`\n…`
  return { text, blocks: [section(text)] }
}

/** Sections into as few messages as fit Slack's per-message limits, in order. */
export function packSections(sections: string[]): SlackMessage[] {
  const messages: SlackMessage[] = []
  let current: string[] = []
  const flush = () => {
    if (current.length === 0) return
    messages.push({ text: current.join('\n\n'), blocks: current.map(section) })
    current = []
  }
  for (const text of sections) {
    const length = current.reduce((sum, s) => sum + s.length + 2, 0)
    if (current.length > 0 && (length + text.length > MESSAGE_TEXT_LIMIT || current.length >= MAX_BLOCKS)) flush()
    current.push(text)
  }
  flush()
  return messages
}

const section = (text: string): Record<string, unknown> => ({ type: 'section', text: { type: 'mrkdwn', text } })

/** One line per shared file: "Indexed *Q3 plan.pdf*: 14 pages, 52 passages". */
export function formatIndexed(title: string, doc: Pick<DocumentView, 'pages' | 'chunks'>, already: boolean): string {
  const parts = [doc.pages !== null ? plural(doc.pages, 'page') : null, plural(doc.chunks, 'passage')].filter(Boolean)
  return `${already ? 'Already indexed' : 'Indexed'} *${escapeMrkdwn(title)}*: ${parts.join(', ')}`
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

export function formatSourceLine(doc: DocumentView): string {
  const title = doc.link ? `<${doc.link}|${escapeMrkdwn(doc.title)}>` : `*${escapeMrkdwn(doc.title)}*`
  const detail =
    doc.status === 'indexed'
      ? [doc.pages !== null ? plural(doc.pages, 'page') : null, plural(doc.chunks, 'passage')].filter(Boolean).join(', ')
      : doc.status === 'failed'
        ? `not readable: ${escapeMrkdwn(doc.error?.message ?? 'unknown reason')}`
        : 'being indexed'
  const scope = doc.visibility === 'workspace' ? '' : ' · this channel only'
  const by = doc.sharedBy ? ` · shared by <@${doc.sharedBy}>` : ''
  return `• ${title} — ${detail}${scope}${by} · \`${doc.id.slice(0, 8)}\``
}
