import type { AskedQuestion, DocumentView, FeedbackCounts } from '../../src/index.ts'
import type { types } from '@slack/bolt'
import { escapeMrkdwn, plural } from './format.ts'
import { timeAgo } from './time-ago.ts'

export interface HomeFacts {
  /** Documents visible to the whole workspace (private-channel ones stay out of a tab everyone has). */
  documents: DocumentView[]
  feedback: FeedbackCounts
  /** The viewer's own recent questions. */
  mine: AskedQuestion[]
  /** Declined questions of the workspace; null when the viewer is not an admin. */
  declined: AskedQuestion[] | null
  now: number
}

const MAX_LISTED = 8
const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } })
const header = (text: string): types.HeaderBlock => ({ type: 'header', text: { type: 'plain_text', text } })
const short = (text: string, max = 150) => escapeMrkdwn(text.length > max ? `${text.slice(0, max - 1)}…` : text)
const ago = (iso: string | null, now: number) => (iso ? (timeAgo(iso, now) ?? '') : '')

/**
 * The Home tab: what the bot knows in this workspace (documents, last indexed,
 * files it could not read), the viewer's recent questions, the questions it
 * declined lately (admins only: coverage gaps), and how to use it.
 */
export function renderHome(facts: HomeFacts): types.HomeView {
  const docs = facts.documents.filter((d) => d.parentId === null)
  const indexed = docs.filter((d) => d.status === 'indexed')
  const failed = docs.filter((d) => d.status === 'failed')
  const waiting = docs.filter((d) => d.status === 'pending' || d.status === 'processing')
  const last = indexed.reduce<DocumentView | null>((a, d) => ((d.indexedAt ?? '') > (a?.indexedAt ?? '') ? d : a), null)
  const pages = indexed.reduce((sum, d) => sum + (d.pages ?? 0), 0)
  const passages = indexed.reduce((sum, d) => sum + d.chunks, 0)

  const knows = [
    `• ${plural(indexed.length, 'document')} searchable: ${plural(pages, 'page')}, ${plural(passages, 'passage')}`,
    ...(last ? [`• Last indexed: *${short(last.title, 80)}* ${ago(last.indexedAt, facts.now)}`] : []),
    ...(waiting.length > 0 ? [`• ${plural(waiting.length, 'document')} being read now`] : []),
    `• Answers rated 👍 ${facts.feedback.helpful} · 👎 ${facts.feedback.notHelpful}`,
  ]
  const blocks: types.KnownBlock[] = [header('What I know here'), section(knows.join('\n'))]
  if (indexed.length === 0) blocks.push(section('Nothing yet: share a PDF, DOCX, e-mail, Markdown, HTML or text file in a channel I am in and I will read it.'))

  if (failed.length > 0) {
    const lines = failed.slice(0, MAX_LISTED).map((d) => {
      const title = d.link ? `<${d.link}|${short(d.title, 80)}>` : `*${short(d.title, 80)}*`
      return `• ${title}: ${short(d.error?.message ?? 'unknown reason')}`
    })
    if (failed.length > MAX_LISTED) lines.push(`…and ${failed.length - MAX_LISTED} more (\`/docuquery sources\` lists them)`)
    blocks.push(header('Files I could not read'), section(`${lines.join('\n')}\nFix the file and share it again: I will try once more.`))
  }

  blocks.push(header('Your recent questions'))
  blocks.push(
    section(
      facts.mine.length > 0
        ? facts.mine.map((q) => `• ${q.grounded ? '✅' : '❔'} ${short(q.question)} · ${ago(q.askedAt, facts.now)}${q.feedback ? (q.feedback === 'helpful' ? ' · 👍' : ' · 👎') : ''}`).join('\n')
        : 'None yet. Mention me in a channel, message me here, or use *Ask DocuQuery about this message* on any message.',
    ),
  )

  if (facts.declined) {
    blocks.push(header('Questions I could not answer lately'))
    blocks.push(
      section(
        facts.declined.length > 0
          ? `${facts.declined.map((q) => `• ${short(q.question)}${q.asker ? ` — <@${q.asker}>` : ''} · ${ago(q.askedAt, facts.now)}`).join('\n')}\nThese are gaps in what was shared: a document that answers them is worth sharing. _(Only workspace admins see this list.)_`
          : 'None in the last 7 days.',
      ),
    )
  }

  blocks.push(
    header('How to use me'),
    section(
      [
        '• *Ask:* `@DocuQuery what is our on-call rotation?` in a channel, or message me directly (the *Chat* tab), with sources under every answer',
        '• *On any message:* ⋮ → *Ask DocuQuery about this message* answers it in its thread',
        '• *Teach me:* share a file in a channel I am in; ✅ means it is searchable',
        '• *Rate answers:* 👍/👎 under each answer; 👎 asks what was wrong',
        '• `/docuquery sources`, `/docuquery stats`, `/docuquery forget <title>`',
      ].join('\n'),
    ),
  )
  return { type: 'home', blocks }
}
