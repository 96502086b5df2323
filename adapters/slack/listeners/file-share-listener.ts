import { AppError, isAppError } from '../../../src/index.ts'
import type { App } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { describeFileError } from '../describe-error.ts'
import { type SlackFile, downloadSlackFile } from '../download-file.ts'
import { formatIndexed } from '../format.ts'
import { isForeignOrigin } from '../../shared/fetch-within-origins.ts'
import { Reaction, react } from '../reactions.ts'
import { type SlackContext, workspaceKey, yieldToIo } from '../slack-context.ts'

interface FileShareEvent {
  subtype?: string
  user?: string
  bot_id?: string
  ts: string
  thread_ts?: string
  channel: string
  channel_type?: string
  files?: SlackFile[]
}

// Screenshots and recordings are shared all day long; they are not documents, so no ❌ for them.
const isMedia = (file: SlackFile): boolean => /^(image|video|audio)\//.test(file.mimetype ?? '')

type Outcome = { ok: true; line: string } | { ok: false; line: string }

/** A file shared in a channel the bot is in: ⏳, index it, ✅ or ❌, one line in the file's thread. */
export function registerFileShares(app: App, ctx: SlackContext): void {
  app.event('message', async ({ event, body, client, context }) => {
    const message = event as FileShareEvent
    if (message.subtype !== 'file_share' || !message.files?.length) return
    if (message.bot_id && !ctx.answerBots) return
    const documents = message.files.filter((file) => !isMedia(file))
    if (documents.length === 0 || !body.event_id || !body.team_id || !context.botToken) return
    if (!(await ctx.core.claimEvent('slack', body.event_id))) return
    await yieldToIo()
    await react(client, ctx.logger, message.channel, message.ts, Reaction.indexing)

    const teamId = body.team_id
    const token = context.botToken
    const outcomes: Outcome[] = []
    let visibleIn: string | null = message.channel
    let link: string | null = null
    try {
      visibleIn = (await ctx.channels.isPublic(client, teamId, message.channel, message.channel_type)) ? null : message.channel
      link = await permalink(client, message.channel, message.ts)
    } catch (error) {
      // Without the channel's type the file stays in this channel only: never wider than it should be.
      ctx.logger.warn({ err: error, channel: message.channel }, 'Slack channel info unavailable; keeping files channel-only')
    }
    for (const file of documents) {
      outcomes.push(await ctx.limit(() => indexFile(ctx, client, { teamId, token, message, file, visibleIn, link })))
    }

    await react(client, ctx.logger, message.channel, message.ts, Reaction.indexing, true)
    if (outcomes.some((o) => o.ok)) await react(client, ctx.logger, message.channel, message.ts, Reaction.indexed)
    if (outcomes.some((o) => !o.ok)) await react(client, ctx.logger, message.channel, message.ts, Reaction.failed)
    await client.chat.postMessage({
      channel: message.channel,
      thread_ts: message.thread_ts ?? message.ts,
      text: outcomes.map((o) => o.line).join('\n'),
    })
  })
}

interface FileJob {
  teamId: string
  token: string
  message: FileShareEvent
  file: SlackFile
  visibleIn: string | null
  link: string | null
}

async function indexFile(ctx: SlackContext, client: WebClient, job: FileJob): Promise<Outcome> {
  const { file, message } = job
  const name = file.name ?? file.title ?? file.id
  try {
    const details = file.file_access === 'check_file_info' ? await fileInfo(client, file.id) : file
    const bytes = await downloadSlackFile(details, {
      token: job.token,
      policy: ctx.filePolicy,
      maxBytes: ctx.maxFileBytes,
      diagnose: () => diagnoseDownload(client, file.id),
    })
    const receipt = await ctx.core.ingest({
      workspace: workspaceKey(job.teamId),
      visibleIn: job.visibleIn,
      sharedIn: message.channel,
      bytes,
      filename: name,
      ...(details.mimetype ? { mimeType: details.mimetype } : {}),
      source: 'slack',
      // Same name in the same channel is the same document: an edited version replaces the old one.
      sourceRef: `${message.channel}/${name}`,
      sourceLabel: name,
      link: job.link ?? details.permalink ?? null,
      sharedBy: message.user ?? null,
      title: name,
    })
    if (!receipt.documentId) return { ok: false, line: describeFileError(name, receipt.error ?? { code: 'internal', message: '' }) }
    await ctx.files.link(job.teamId, file.id, receipt.documentId, message.channel, Boolean(receipt.replaced))
    // The queue may run in another process (BullMQ workers): the database says when the document is done.
    const wait = await ctx.core.waitForDocuments([receipt.documentId], { timeoutMs: ctx.indexWaitMs, pollMs: ctx.indexPollMs })
    const doc = wait.settled ? wait.documents[0] : undefined
    if (!doc) return { ok: true, line: `Still indexing *${name}*; it will be searchable when it is done.` }
    if (doc.status === 'failed') return { ok: false, line: describeFileError(name, doc.error ?? { code: 'internal', message: '' }) }
    return { ok: true, line: formatIndexed(name, doc, Boolean(receipt.duplicate)) }
  } catch (error) {
    if (!isAppError(error) || error.code === 'internal') ctx.logger.error({ err: error, file: file.id }, 'Slack file not indexed')
    else if (isForeignOrigin(error)) ctx.logger.warn({ file: file.id, channel: message.channel, user: message.user, ...error.context }, 'Slack file refused: its URL is outside Slack')
    return { ok: false, line: describeFileError(name, isAppError(error) ? error : { code: 'internal', message: '' }) }
  }
}

async function fileInfo(client: WebClient, fileId: string): Promise<SlackFile> {
  try {
    const info = await client.files.info({ file: fileId })
    return info.file as SlackFile
  } catch (error) {
    throw scopeError(error) ?? error
  }
}

/** Slack sent its sign-in page instead of the file; files.info says which scope is missing. */
async function diagnoseDownload(client: WebClient, fileId: string): Promise<AppError> {
  try {
    await client.files.info({ file: fileId })
  } catch (error) {
    const scoped = scopeError(error)
    if (scoped) return scoped
  }
  return new AppError(
    'unauthorized',
    'Slack sent its sign-in page instead of the file: the app needs the `files:read` scope (add it under OAuth & Permissions, then reinstall the app)',
  )
}

function scopeError(error: unknown): AppError | null {
  const data = (error as { data?: { error?: string; needed?: string; provided?: string } }).data
  if (data?.error !== 'missing_scope') return null
  const needed = data.needed ?? 'files:read'
  return new AppError(
    'unauthorized',
    `Slack would not let me download it: the app is missing the \`${needed}\` scope (it has ${data.provided ?? 'none'}). Add it under OAuth & Permissions, then reinstall the app`,
    { cause: error },
  )
}

async function permalink(client: WebClient, channel: string, ts: string): Promise<string | null> {
  const result = await client.chat.getPermalink({ channel, message_ts: ts })
  return result.permalink ?? null
}
