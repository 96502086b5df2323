import { type AnyThreadChannel, ChannelType, DiscordAPIError, type Message, RESTJSONErrorCodes } from 'discord.js'
import type { DiscordDeps } from './discord-deps.ts'
import { scopeOf } from './discord-scope.ts'
import { feedbackRow } from './feedback-buttons.ts'
import { formatAnswer } from './format.ts'
import { rememberTurn, threadKey } from './thread-history.ts'

/** How long to keep asking for a new post's first message, which can reach REST a moment after THREAD_CREATE. */
const STARTER_RETRIES_MS = [500, 1500, 3000]

/**
 * THREAD_CREATE: a new post in a forum channel listed in
 * DISCORD_AUTO_ANSWER_CHANNELS is asked as a question (its title and first
 * message) and answered in the post, but only when the documents answer it:
 * an unasked-for "I don't know" in every post would be noise. Nobody asked,
 * so failures are logged, never posted.
 */
export async function answerForumPost(deps: DiscordDeps, thread: AnyThreadChannel, newlyCreated: boolean, botId: string): Promise<void> {
  const { core, logger, settings } = deps
  // Not a new post (the bot was added to an old thread, or a thread was unarchived), or not an opted-in forum.
  if (!newlyCreated || !thread.parentId || !settings.autoAnswerChannels?.includes(thread.parentId)) return
  const forum = thread.parent
  if (forum?.type !== ChannelType.GuildForum && forum?.type !== ChannelType.GuildMedia) return
  if (thread.ownerId === botId) return
  if (!(await core.claimEvent('discord', `forum-post:${thread.id}`))) return

  const starter = await starterMessage(thread, deps)
  if (starter?.author.bot && !settings.answerBots) return
  // A post that mentions the bot is answered as a mention (handle-message): once is enough.
  if (starter?.mentions.users.has(botId)) return
  const question = [thread.name, starter?.content ?? ''].join('\n').trim().slice(0, 2000)
  const asker = thread.ownerId ?? starter?.author.id ?? ''
  const scope = scopeOf(thread, asker)
  const result = await core.ask({ question, workspace: scope.workspace, channel: scope.channel, asker })
  if (!result.grounded) {
    logger.debug({ threadId: thread.id, forumId: thread.parentId }, 'forum post not answered: the documents do not answer it')
    return
  }
  const key = threadKey(thread, scope)
  if (key) await rememberTurn(deps, key, question, result.answer)
  const pieces = formatAnswer(result)
  const buttons = feedbackRow(result.queryId)
  for (const [i, content] of pieces.entries()) {
    await thread.send({ content, components: i === pieces.length - 1 ? buttons : [], allowedMentions: { parse: [] } })
  }
  logger.info({ threadId: thread.id, forumId: thread.parentId, queryId: result.queryId }, 'answered a new forum post')
}

/** The post's first message (its id is the thread's); null when it cannot be had (the title alone is asked). */
async function starterMessage(thread: AnyThreadChannel, deps: DiscordDeps): Promise<Message | null> {
  for (const [attempt, waitMs] of [0, ...STARTER_RETRIES_MS].entries()) {
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs))
    try {
      return await thread.fetchStarterMessage()
    } catch (error) {
      const unknown = error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage
      if (!unknown || attempt === STARTER_RETRIES_MS.length) {
        deps.logger.warn({ err: error, threadId: thread.id }, 'could not read a forum post\'s first message; asking with its title')
        return null
      }
    }
  }
  return null
}
