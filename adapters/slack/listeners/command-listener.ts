import type { DocumentView } from '../../../src/index.ts'
import type { App, RespondArguments, SlashCommand } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { describeAskError } from '../describe-error.ts'
import { escapeMrkdwn, formatSourceLine, packSections, plural, SECTION_LIMIT } from '../format.ts'
import { splitMessage } from '../../shared/split-message.ts'
import { type SlackContext, workspaceKey } from '../slack-context.ts'

export const COMMAND = '/docuquery'

const help = [
  '*DocuQuery* answers questions from the files shared in channels I am in.',
  '• Mention me with a question: `@DocuQuery what is our on-call rotation?` (follow-ups in the thread keep the context)',
  '• Share a PDF, DOCX, .eml, Markdown, HTML or text file in a channel I am in: ⏳ while I read it, ✅ when it is searchable, ❌ when I can’t read it (I say why)',
  '• `/docuquery sources` — the documents visible in this channel',
  '• `/docuquery stats` — how much I know here',
  '• `/docuquery forget <title or id>` — forget a document (the person who shared it, or a workspace admin)',
  'Files shared in public channels are visible to the whole workspace; files in private channels and DMs only there.',
].join('\n')

type Reply = { text: string; inChannel?: boolean }

/** `/docuquery stats | sources | forget <title or id> | help`: acked at once, answered through response_url. */
export function registerCommands(app: App, ctx: SlackContext): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack()
    let reply: Reply
    try {
      reply = await run(ctx, client, command)
    } catch (error) {
      ctx.logger.error({ err: error, command: command.text }, 'Slack command failed')
      reply = { text: describeAskError(error) }
    }
    for (const message of packSections(splitMessage(reply.text, SECTION_LIMIT))) {
      const args: RespondArguments = { ...message, response_type: reply.inChannel ? 'in_channel' : 'ephemeral' }
      await respond(args)
    }
  })
}

async function run(ctx: SlackContext, client: WebClient, command: SlashCommand): Promise<Reply> {
  const [name = 'help', ...rest] = command.text.trim().split(/\s+/).filter(Boolean)
  const argument = rest.join(' ')
  const scope = { workspace: workspaceKey(command.team_id), channel: command.channel_id }
  switch (name.toLowerCase()) {
    case 'help':
      return { text: help }
    case 'sources': {
      const docs = (await ctx.core.listDocuments({ ...scope, limit: 200 })).filter((d) => d.parentId === null)
      if (docs.length === 0) return { text: 'No documents are visible in this channel yet. Share a file here and I will read it.' }
      return { text: [`*Documents visible in this channel* (${docs.length})`, ...docs.map(formatSourceLine)].join('\n') }
    }
    case 'stats':
      return { text: formatStats(await ctx.core.listDocuments({ ...scope, limit: 10_000 })) }
    case 'forget':
      return await forget(ctx, client, command, scope, argument)
    default:
      return { text: `I don't know \`/docuquery ${escapeMrkdwn(name)}\`.\n\n${help}` }
  }
}

function formatStats(docs: DocumentView[]): string {
  const count = (status: DocumentView['status']) => docs.filter((d) => d.status === status).length
  const indexed = docs.filter((d) => d.status === 'indexed')
  const pages = indexed.reduce((sum, d) => sum + (d.pages ?? 0), 0)
  const passages = indexed.reduce((sum, d) => sum + d.chunks, 0)
  const waiting = count('pending') + count('processing')
  return [
    '*What I know in this channel*',
    `• ${plural(indexed.length, 'document')} indexed: ${plural(pages, 'page')}, ${plural(passages, 'passage')}`,
    ...(waiting > 0 ? [`• ${plural(waiting, 'document')} being indexed`] : []),
    ...(count('failed') > 0 ? [`• ${plural(count('failed'), 'document')} I could not read (see \`/docuquery sources\`)`] : []),
  ].join('\n')
}

async function forget(
  ctx: SlackContext,
  client: WebClient,
  command: SlashCommand,
  scope: { workspace: string; channel: string },
  query: string,
): Promise<Reply> {
  if (query === '') return { text: 'Which document? `/docuquery forget <title or id>` (ids are in `/docuquery sources`).' }
  const docs = (await ctx.core.listDocuments({ ...scope, limit: 10_000 })).filter((d) => d.parentId === null)
  const matches = findDocuments(docs, query)
  if (matches.length === 0) return { text: `No document visible in this channel matches “${escapeMrkdwn(query)}”. \`/docuquery sources\` lists them.` }
  if (matches.length > 1) {
    return { text: [`Several documents match “${escapeMrkdwn(query)}”; say which by id:`, ...matches.slice(0, 20).map(formatSourceLine)].join('\n') }
  }
  const doc = matches[0] as DocumentView
  if (doc.sharedBy !== command.user_id && !(await isWorkspaceAdmin(client, command.user_id))) {
    return { text: `Only the person who shared *${escapeMrkdwn(doc.title)}*${doc.sharedBy ? ` (<@${doc.sharedBy}>)` : ''} or a workspace admin can make me forget it.` }
  }
  await ctx.core.forget(doc.id)
  return { text: `<@${command.user_id}> asked me to forget *${escapeMrkdwn(doc.title)}*; I no longer answer from it.`, inChannel: true }
}

/** By id (or its first 8 characters, as `sources` shows it), else by exact title, else by title fragment. */
export function findDocuments(docs: DocumentView[], query: string): DocumentView[] {
  const q = query.trim().replace(/^[`*“"]+|[`*”"]+$/g, '').toLowerCase()
  const byId = docs.filter((d) => d.id === q || (q.length >= 8 && d.id.startsWith(q)))
  if (byId.length > 0) return byId
  const exact = docs.filter((d) => d.title.toLowerCase() === q || d.source.toLowerCase() === q)
  if (exact.length > 0) return exact
  return docs.filter((d) => d.title.toLowerCase().includes(q))
}

async function isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
  const info = await client.users.info({ user: userId })
  return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner)
}
