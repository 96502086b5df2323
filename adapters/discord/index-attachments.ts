import { isAppError } from '../../src/index.ts'
import type { Attachment, Message } from 'discord.js'
import type { DiscordDeps } from './discord-deps.ts'
import type { DiscordScope } from './discord-scope.ts'
import type { Failure } from '../shared/error-words.ts'
import { describeDocumentFailure, escapeName } from './describe-error.ts'
import { isForeignOrigin } from '../shared/fetch-within-origins.ts'
import { discordAttachmentOrigins, downloadAttachment } from './download-attachment.ts'
import { describeIndexed } from './format.ts'

export const REACTION_WORKING = '⏳'
export const REACTION_DONE = '✅'
export const REACTION_FAILED = '❌'

type Outcome = { kind: 'indexed' | 'failed' | 'waiting'; line: string }

/**
 * A message with files: ⏳ at once, every file downloaded at once (its signed
 * URL expires) and handed to the core, then ✅ and/or ❌ and one short reply
 * saying what was indexed or, in plain words, why not.
 */
export async function indexAttachments(deps: DiscordDeps, message: Message, scope: DiscordScope): Promise<void> {
  const reacting = message.react(REACTION_WORKING).catch((error: unknown) => {
    deps.logger.warn({ err: error, messageId: message.id }, 'could not add the ⏳ reaction')
  })
  const outcomes = await Promise.all([...message.attachments.values()].map((a) => indexOne(deps, message, scope, a)))
  await reacting
  const react = async (emoji: string) => {
    try {
      await message.react(emoji)
    } catch (error) {
      deps.logger.warn({ err: error, messageId: message.id, emoji }, 'could not add a reaction')
    }
  }
  if (outcomes.every((o) => o.kind !== 'waiting')) {
    await message.reactions
      .resolve(REACTION_WORKING)
      ?.users.remove()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not remove the ⏳ reaction'))
  }
  if (outcomes.some((o) => o.kind === 'indexed')) await react(REACTION_DONE)
  if (outcomes.some((o) => o.kind === 'failed')) await react(REACTION_FAILED)
  await message.reply({
    content: outcomes.map((o) => o.line).join('\n'),
    allowedMentions: { parse: [], repliedUser: false },
  })
}

async function indexOne(deps: DiscordDeps, message: Message, scope: DiscordScope, attachment: Attachment): Promise<Outcome> {
  const { core, settings, logger } = deps
  const filename = attachment.name
  const failed = (error: Failure): Outcome => ({ kind: 'failed', line: describeDocumentFailure(filename, error) })
  if (attachment.size > settings.maxFileBytes) {
    return failed({ code: 'too_large', message: `it is larger than the ${Math.round(settings.maxFileBytes / 1024 / 1024)} MB limit` })
  }
  let bytes: Uint8Array
  try {
    bytes = await downloadAttachment(attachment.url, settings.maxFileBytes, discordAttachmentOrigins(settings.apiUrl))
  } catch (error) {
    logger.warn({ err: error, attachmentId: attachment.id }, 'attachment download failed')
    if (isAppError(error) && (error.code === 'too_large' || isForeignOrigin(error))) return failed(error)
    return failed({ code: isAppError(error) ? error.code : 'provider_unavailable', message: isAppError(error) ? error.message : 'the download failed', context: { stage: 'download' } })
  }
  const receipt = await core.ingest({
    workspace: scope.workspace,
    visibleIn: scope.visibleIn,
    sharedIn: scope.sharedIn,
    bytes,
    filename,
    ...(attachment.contentType ? { mimeType: attachment.contentType } : {}),
    source: 'discord',
    // The file name, not the attachment id (new on every upload): posting an
    // edited handbook.pdf again in the same scope replaces the old version.
    sourceRef: filename,
    sourceLabel: filename,
    link: message.url,
    sharedBy: message.author.id,
  })
  if (receipt.status === 'failed' || !receipt.documentId) return failed(receipt.error ?? { code: 'internal', message: 'unknown' })
  const flags = { duplicate: receipt.duplicate === true && receipt.status === 'indexed', replaced: receipt.replaced === true }
  if (flags.duplicate) return { kind: 'indexed', line: describeIndexed({ filename, pages: receipt.pages, chunks: receipt.chunks, ...flags }) }
  const wait = await core.waitForDocuments([receipt.documentId], { timeoutMs: settings.indexWaitMs ?? 10 * 60_000 })
  const doc = wait.settled ? wait.documents[0] : undefined
  if (!doc) return { kind: 'waiting', line: `Still reading *${escapeName(filename)}*; it will be searchable when it is done.` }
  if (doc.status === 'failed') return failed(doc.error ?? { code: 'internal', message: 'unknown' })
  return { kind: 'indexed', line: describeIndexed({ filename, pages: doc.pages, chunks: doc.chunks, ...flags }) }
}
