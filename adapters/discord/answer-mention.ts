import type { Message } from 'discord.js'
import type { DiscordDeps } from './discord-deps.ts'
import type { DiscordScope } from './discord-scope.ts'
import { rememberTurn, threadKey } from './thread-history.ts'
import { formatAnswer, streamingPreview } from './format.ts'
import { createStreamingReply } from './streaming-reply.ts'
import { feedbackRow } from './feedback-buttons.ts'

/** Answers a question asked by mention (or in a DM) as a reply, with its sources. */
export async function answerMention(deps: DiscordDeps, message: Message, scope: DiscordScope, question: string): Promise<void> {
  const channel = message.channel
  let firstMessage: Message | null = null
  const reply = createStreamingReply(
    {
      first: async (text, components = []) => {
        firstMessage = await message.reply({ content: text, components, allowedMentions: { parse: [], repliedUser: true } })
      },
      update: async (text, components) => {
        await firstMessage?.edit({ content: text, ...(components ? { components } : {}) })
      },
      more: async (text, components = []) => {
        if (channel.isSendable()) await channel.send({ content: text, components, allowedMentions: { parse: [] } })
      },
    },
    deps.settings.streamEditMs ?? 1000,
    streamingPreview,
  )
  try {
    const thread = threadKey(message.channel, scope)
    const history = thread ? await deps.core.threadHistory(thread) : []
    const result = await deps.core.ask(
      { question, workspace: scope.workspace, channel: scope.channel, asker: message.author.id, history },
      { onText: (text) => reply.update(text) },
    )
    // Remembered before the reply goes out, so a quick follow-up already has it.
    if (thread) await rememberTurn(deps, thread, question, result.answer)
    await reply.finish(formatAnswer(result, '', { dm: channel.isDMBased() }), feedbackRow(result.queryId))
  } catch (error) {
    reply.cancel()
    throw error
  }
}

/** The question without the mentions of the bot. */
export function questionFrom(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim()
}
