import type { Message } from 'discord.js'
import { answerMention, questionFrom } from './answer-mention.ts'
import type { DiscordDeps } from './discord-deps.ts'
import { scopeOf } from './discord-scope.ts'
import { indexAttachments } from './index-attachments.ts'
import { keepTyping } from './keep-typing.ts'

/**
 * MESSAGE_CREATE: a mention (or any DM) is a question; files are indexed
 * (before the question is answered, so it can use them). Its own messages,
 * other bots' (unless DISCORD_ANSWER_BOTS) and system messages are ignored;
 * each message is handled once (platform_events), however often it arrives.
 */
export async function handleMessage(deps: DiscordDeps, message: Message, botId: string): Promise<void> {
  if (message.author.id === botId || message.system || message.webhookId) return
  if (message.author.bot && !deps.settings.answerBots) return
  const dm = message.channel.isDMBased()
  const mentioned = dm || message.mentions.users.has(botId)
  const hasFiles = message.attachments.size > 0
  if (!mentioned && !hasFiles) return
  const question = mentioned ? questionFrom(message.content, botId) : ''

  const channel = message.channel
  const typing = question && channel.isSendable() ? keepTyping(channel, deps.logger) : null
  try {
    // Let "typing…" go out before the database work starts: an embedded database
    // busy with 50 questions would otherwise hold it back until answers are ready.
    if (typing) await Promise.race([typing.first, new Promise((resolve) => setTimeout(resolve, 250))])
    if (!(await deps.core.claimEvent('discord', message.id))) return
    const scope = scopeOf(message.channel, message.author.id)
    if (hasFiles) await indexAttachments(deps, message, scope)
    if (question) await answerMention(deps, message, scope, question)
    else if (!hasFiles) {
      await message.reply({
        content: 'Ask me a question after the mention, e.g. `@DocuQuery how do I rotate the API keys?` (`/docuquery help` for more).',
        allowedMentions: { parse: [], repliedUser: false },
      })
    }
  } finally {
    typing?.stop()
  }
}
