import type { WebClient } from '@slack/web-api'
import type { MessageSink } from './answer-stream.ts'
import { hasNativeFeedback, isInvalidBlocks, withPlainFeedbackButtons } from './feedback-blocks.ts'
import type { SlackMessage } from './format.ts'
import type { SlackContext } from './slack-context.ts'

/**
 * Where an answer is written: a channel, in a thread or not. A workspace or
 * client that refuses the `context_actions` block (`invalid_blocks`) gets the
 * same message with plain 👍/👎 buttons, and keeps getting them.
 */
export function threadSink(client: WebClient, ctx: SlackContext, teamId: string, channel: string, threadTs: string | undefined): MessageSink {
  const replyTo = threadTs ? { thread_ts: threadTs } : {}
  const send = async <T>(message: SlackMessage, write: (m: SlackMessage) => Promise<T>): Promise<T> => {
    const adjusted = ctx.plainFeedback.has(teamId) ? withPlainFeedbackButtons(message) : message
    try {
      return await write(adjusted)
    } catch (error) {
      if (!isInvalidBlocks(error) || !hasNativeFeedback(adjusted)) throw error
      ctx.plainFeedback.add(teamId)
      ctx.logger.info({ teamId }, 'Slack refused the feedback_buttons block; plain buttons from now on')
      return await write(withPlainFeedbackButtons(adjusted))
    }
  }
  return {
    post: (message) =>
      send(message, async (m) => {
        const posted = await client.chat.postMessage({ channel, ...replyTo, ...m, unfurl_links: false })
        return posted.ts ?? ''
      }),
    update: (ts, message) =>
      send(message, async (m) => {
        await client.chat.update({ channel, ts, ...m })
      }),
  }
}
