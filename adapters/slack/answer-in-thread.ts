import type { WebClient } from '@slack/web-api'
import { createAnswerStream } from './answer-stream.ts'
import { describeAskError } from './describe-error.ts'
import { type SlackContext, workspaceKey } from './slack-context.ts'
import { threadSink } from './thread-sink.ts'

export interface ThreadQuestion {
  teamId: string
  channel: string
  /** The thread the question belongs to (its history), whether or not the answer is posted in it. */
  thread: string
  /** Post the answer as a reply in `thread` (false: a top-level DM answer). */
  replyInThread: boolean
  /** True when the question was itself a reply: earlier turns of the thread are context. */
  isFollowUp: boolean
  question: string
  asker: string | null
}

/**
 * The one answer path of mentions, DMs and the AI-app thread: earlier turns
 * of the thread as context, the answer streamed into the thread, the turn
 * remembered; a failure becomes words in the thread (this adapter's error
 * boundary for questions).
 */
export async function answerInThread(ctx: SlackContext, client: WebClient, q: ThreadQuestion): Promise<void> {
  const key = { workspace: workspaceKey(q.teamId), channel: q.channel, thread: q.thread }
  const sink = threadSink(client, ctx, q.teamId, q.channel, q.replyInThread ? q.thread : undefined)
  try {
    const history = q.isFollowUp ? await ctx.core.threadHistory(key) : []
    const stream = createAnswerStream(sink, { minUpdateIntervalMs: ctx.minUpdateIntervalMs })
    const result = await ctx.limit(() =>
      ctx.core.ask(
        { question: q.question, workspace: key.workspace, channel: q.channel, asker: q.asker, history },
        { onText: (text) => stream.onText(text) },
      ),
    )
    await stream.finish(result)
    await ctx.core.rememberTurn(key, { question: q.question, answer: result.answer })
  } catch (error) {
    ctx.logger.error({ err: error, channel: q.channel }, 'Slack question not answered')
    await client.chat.postMessage({ channel: q.channel, ...(q.replyInThread ? { thread_ts: q.thread } : {}), text: describeAskError(error) })
  }
}
