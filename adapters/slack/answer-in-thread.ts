import type { WebClient } from '@slack/web-api'
import { type AnswerStream, createAnswerStream } from './answer-stream.ts'
import { createNativeAnswerStream } from './native-answer-stream.ts'
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
    const fallback = createAnswerStream(sink, { minUpdateIntervalMs: ctx.minUpdateIntervalMs })
    // Native streaming needs a thread to reply in; elsewhere, and where the workspace lacks it, chat.update pacing.
    const stream = q.replyInThread && !ctx.noNativeStreaming.has(q.teamId) ? nativeStream(ctx, client, q, fallback) : fallback
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

function nativeStream(ctx: SlackContext, client: WebClient, q: ThreadQuestion, fallback: AnswerStream): AnswerStream {
  const { channel, thread, teamId } = q
  return createNativeAnswerStream(
    {
      async start(markdown) {
        // Outside a DM Slack wants to know whom the stream is for.
        const started = await client.chat.startStream({
          channel,
          thread_ts: thread,
          markdown_text: markdown,
          recipient_team_id: teamId,
          ...(q.asker ? { recipient_user_id: q.asker } : {}),
        })
        if (!started.ts) throw new Error('chat.startStream answered without a ts')
        return started.ts
      },
      async append(ts, markdown) {
        await client.chat.appendStream({ channel, ts, markdown_text: markdown })
      },
      async stop(ts, final) {
        await client.chat.stopStream({ channel, ts, ...(final.markdown ? { markdown_text: final.markdown } : {}), blocks: final.blocks })
      },
    },
    fallback,
    {
      intervalMs: ctx.minAppendIntervalMs,
      plainFeedback: () => ctx.plainFeedback.has(teamId),
      onPlainFeedbackNeeded: () => ctx.plainFeedback.add(teamId),
      onUnsupported: () => {
        ctx.noNativeStreaming.add(teamId)
        ctx.logger.info({ teamId }, 'Slack has no native streaming here; answers are edited in place instead')
      },
      onError: (error, stage) => ctx.logger.warn({ err: error, channel, stage }, 'Slack native stream failed; the answer is written without it'),
    },
  )
}
