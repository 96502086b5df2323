import type { AnswerResult, Citation, DocumentView } from '../../src/index.ts'
import { splitMessage, unclosedFence } from '../shared/split-message.ts'
import { escapeName } from './describe-error.ts'

/** Discord's limit on a message's content. */
export const MESSAGE_LIMIT = 2000

/**
 * An answer and its numbered sources, split into messages of at most 2,000
 * characters; `prefix` (e.g. the quoted question) starts the first one, which
 * is split shorter to leave room for it.
 */
export function formatAnswer(result: AnswerResult, prefix = ''): string[] {
  const [first = '', ...rest] = splitMessage(answerText(result), MESSAGE_LIMIT, { firstMaxChars: MESSAGE_LIMIT - prefix.length })
  return [`${prefix}${first}`, ...rest]
}

export function answerText(result: AnswerResult): string {
  if (result.citations.length === 0) return result.answer
  const heading = result.grounded ? '**Sources**' : '**Closest passages**'
  const lines = result.citations.map((c, i) => sourceLine(c, i + 1, !result.grounded))
  return `${result.answer}\n\n${heading}\n${lines.join('\n')}`
}

/** `[1] [handbook.pdf](<link>) — p. 3`: the link is where the file was shared; <…> keeps Discord from previewing it. */
export function sourceLine(citation: Citation, n: number, withSnippet: boolean): string {
  const name = linkedName(citation.title, citation.source, citation.link)
  const page = citation.page !== null ? ` — p. ${citation.page}` : ''
  const snippet = withSnippet && citation.snippet ? `\n> ${citation.snippet.replace(/\s+/g, ' ')}` : ''
  return `[${n}] ${name}${page}${snippet}`
}

/** `[Leave policy — leave.md](<link>)`: the title, the file name when it differs, linked to where it was shared. */
function linkedName(title: string, source: string, link: string | null): string {
  const label = escapeName(title === source || !source ? title : `${title} — ${source}`).replace(/[[\]]/g, '')
  return link ? `[${label}](<${link}>)` : label
}

/** While a streaming model writes: the first message's worth, marked as unfinished. */
export function streamingPreview(textSoFar: string): string {
  // Cut like the final answer (never inside a citation or link), with room for the marker.
  const first = splitMessage(textSoFar, MESSAGE_LIMIT - 6)[0] ?? ''
  // Mid-stream the model may be inside a code block: close it, or the preview shows a raw fence.
  return unclosedFence(first) === null ? `${first} …` : `${first}\n\`\`\`\n…`
}

export interface IndexedFile {
  filename: string
  pages: number | null
  chunks: number
  duplicate: boolean
  replaced: boolean
}

export function describeIndexed(file: IndexedFile): string {
  const name = `*${escapeName(file.filename)}*`
  if (file.duplicate) return `I already know ${name}.`
  const pages = file.pages ? `${file.pages} page${file.pages === 1 ? '' : 's'}, ` : ''
  const verb = file.replaced ? 'Updated' : 'Indexed'
  return `${verb} ${name} (${pages}${file.chunks} passage${file.chunks === 1 ? '' : 's'}).`
}

export function formatStats(docs: readonly DocumentView[], where: string): string {
  const count = (status: string) => docs.filter((d) => d.status === status).length
  const chunks = docs.reduce((sum, d) => sum + (d.status === 'indexed' ? d.chunks : 0), 0)
  const pages = docs.reduce((sum, d) => sum + (d.status === 'indexed' ? (d.pages ?? 0) : 0), 0)
  return [
    `**What I know ${where}**`,
    `Documents: ${count('indexed')} indexed, ${count('pending') + count('processing')} in progress, ${count('failed')} failed`,
    `Passages: ${chunks} · pages: ${pages}`,
  ].join('\n')
}

export function formatSources(docs: readonly DocumentView[], where: string): string[] {
  if (docs.length === 0) return [`Nobody has shared a document ${where} yet. Share a file in a channel I can read, or DM it to me.`]
  const lines = docs.map((d) => {
    const name = linkedName(d.title, d.source, d.link)
    const state = d.status === 'indexed' ? `${d.chunks} passages` : d.status === 'failed' ? `failed: ${d.error?.message ?? 'unknown'}` : 'in progress'
    const scope = d.visibility === 'workspace' ? '' : ` · <#${d.visibility}> only`
    return `• ${name} — ${state}${scope}`
  })
  return splitMessage(`**Documents ${where}** (${docs.length})\n${lines.join('\n')}`, MESSAGE_LIMIT)
}

export const helpText = [
  '**DocuQuery** answers questions from the documents shared with it, and cites them.',
  '• Mention me with a question: `@DocuQuery how do I rotate the API keys?`',
  '• Share a file (PDF, DOCX, .eml, Markdown, HTML, text) in a channel I can read: ⏳ while I read it, then ✅ or ❌ with the reason.',
  '• Files shared in a channel everyone can see are known to the whole server; files shared in a private channel are used only in that channel (and its threads). DMs with me are private to you.',
  '• `/docuquery ask` · `/docuquery sources` (what I know here) · `/docuquery stats` · `/docuquery forget` (the person who shared it, or members with Manage Messages) · `/docuquery help`',
].join('\n')
