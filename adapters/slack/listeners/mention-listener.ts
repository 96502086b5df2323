import type { App } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { answerInThread } from '../answer-in-thread.ts'
import { Reaction, react } from '../reactions.ts'
import { type SlackContext, yieldToIo } from '../slack-context.ts'

interface QuestionEvent {
  text?: string
  user?: string
  bot_id?: string
  ts: string
  thread_ts?: string
  channel: string
  channel_type?: string
  subtype?: string
}

/** `@DocuQuery question` in a channel, and any message in a DM with the bot. */
export function registerMentions(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    await answer(ctx, client, body, event as QuestionEvent, context.botUserId, true)
  })
  app.event('message', async ({ event, body, client, context }) => {
    const message = event as QuestionEvent
    // Only direct messages are questions without a mention; channels need the @mention (app_mention).
    if (message.channel_type !== 'im' || message.subtype !== undefined) return
    await answer(ctx, client, body, message, context.botUserId, message.thread_ts !== undefined)
  })
}

async function answer(
  ctx: SlackContext,
  client: WebClient,
  body: { event_id?: string; team_id?: string },
  event: QuestionEvent,
  botUserId: string | undefined,
  inThread: boolean,
): Promise<void> {
  if (event.bot_id && !ctx.answerBots) return
  if (!body.event_id || !body.team_id) return
  if (!(await ctx.core.claimEvent('slack', body.event_id))) {
    // A redelivery, or the same event sent to another web process that claimed it first.
    ctx.logger.debug({ eventId: body.event_id }, 'Slack event already claimed')
    return
  }
  await yieldToIo()
  await react(client, ctx.logger, event.channel, event.ts, Reaction.heard)

  const thread = event.thread_ts ?? event.ts
  const replyTo = inThread ? { thread_ts: thread } : {}
  const question = stripMentions(event.text ?? '', botUserId)
  if (question === '') {
    await client.chat.postMessage({
      channel: event.channel,
      ...replyTo,
      text: 'Ask me a question after the mention, e.g. “@DocuQuery what is our on-call rotation?”. `/docuquery help` lists what else I do.',
    })
    return
  }
  await answerInThread(ctx, client, {
    teamId: body.team_id,
    channel: event.channel,
    thread,
    replyInThread: inThread,
    isFollowUp: event.thread_ts !== undefined,
    question,
    asker: event.user ?? null,
  })
}

/** The question without the bot's own mention(s); other people's mentions stay as written. */
export function stripMentions(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/
  return text.replace(own, ' ').replace(/\s+/g, ' ').trim()
}
