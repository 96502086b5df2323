import { MAX_QUESTION_CHARS } from '../../../src/index.ts'
import type { App, MessageShortcut, RespondFn } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { describeAskError } from '../describe-error.ts'
import { withFeedback, withPlainFeedbackButtons } from '../feedback-blocks.ts'
import { type SlackMessage, renderAnswer } from '../format.ts'
import { type SlackContext, workspaceKey } from '../slack-context.ts'
import { threadSink } from '../thread-sink.ts'
import { stripMentions } from './mention-listener.ts'

/** The message shortcut's callback_id (DESIGN.md; the manifest declares it). */
export const ASK_SHORTCUT = 'ask_docuquery'

// Slack's answers when the bot is not a member of the channel (or cannot see it at all).
const outside = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action'])
const isOutside = (error: unknown): boolean => outside.has((error as { data?: { error?: string } }).data?.error ?? '')

/**
 * "Ask DocuQuery about this message": the message's text (with its thread's
 * first message, when it is a reply) is the question, answered in that
 * message's thread. Where the bot is not in the channel, only the person who
 * asked sees the answer: ephemerally, or by DM when even that is refused.
 */
export function registerMessageShortcut(app: App, ctx: SlackContext): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: ASK_SHORTCUT }, async ({ ack, shortcut, client, respond }) => {
    await ack()
    const teamId = shortcut.team?.id ?? shortcut.user.team_id
    if (!teamId) return
    const channel = shortcut.channel.id
    const message = shortcut.message
    const parent = typeof message.thread_ts === 'string' && message.thread_ts !== message.ts ? message.thread_ts : null
    let inChannel = true
    let parentText = ''
    if (parent) {
      try {
        const replies = await client.conversations.replies({ channel, ts: parent, limit: 1 })
        parentText = replies.messages?.[0]?.text ?? ''
      } catch (error) {
        if (!isOutside(error)) ctx.logger.warn({ err: error, channel }, 'Slack thread parent not read; asking with the message alone')
        inChannel = !isOutside(error)
      }
    }
    const question = composeQuestion(stripMentions(message.text ?? '', undefined), stripMentions(parentText, undefined))
    if (question === '') {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That message has no text I can ask about.' })
      return
    }
    let messages: SlackMessage[]
    try {
      const result = await ctx.limit(() => ctx.core.ask({ question, workspace: workspaceKey(teamId), channel, asker: shortcut.user.id }))
      messages = withFeedback(renderAnswer(result), result.queryId, 'native')
    } catch (error) {
      ctx.logger.error({ err: error, channel }, 'Slack shortcut question not answered')
      messages = [{ text: describeAskError(error), blocks: [] }]
    }
    if (inChannel && (await postInThread(ctx, client, teamId, channel, parent ?? message.ts, messages))) return
    await tellAskerOnly(ctx, client, respond, shortcut.user.id, messages)
  })
}

/** The message, after its thread's first message when there is one; the message itself is kept whole first. */
export function composeQuestion(text: string, parentText: string): string {
  const own = text.trim().slice(0, MAX_QUESTION_CHARS)
  const room = MAX_QUESTION_CHARS - own.length - 2
  const context = parentText.trim()
  if (context === '' || room < 20 || context === own) return own
  return `${context.slice(0, room)}\n\n${own}`.trim()
}

/** False when Slack says the bot is not in the channel (nothing was posted). */
async function postInThread(ctx: SlackContext, client: WebClient, teamId: string, channel: string, threadTs: string, messages: SlackMessage[]): Promise<boolean> {
  const sink = threadSink(client, ctx, teamId, channel, threadTs)
  try {
    const [first, ...rest] = messages
    if (first) await sink.post(first)
    for (const message of rest) await sink.post(message)
    return true
  } catch (error) {
    if (isOutside(error)) return false
    throw error
  }
}

async function tellAskerOnly(ctx: SlackContext, client: WebClient, respond: RespondFn, user: string, messages: SlackMessage[]): Promise<void> {
  // response_url works in channels the bot is not in. Plain buttons: this path has no retry for a refused block.
  const plain = messages.map(withPlainFeedbackButtons)
  try {
    for (const message of plain) await respond({ ...message, response_type: 'ephemeral', replace_original: false })
    return
  } catch (error) {
    ctx.logger.warn({ err: error }, 'Slack ephemeral answer refused; sending it by DM')
  }
  const dm = await client.conversations.open({ users: user })
  const channel = dm.channel?.id
  if (!channel) return
  for (const message of plain) await client.chat.postMessage({ channel, ...message, unfurl_links: false })
}
