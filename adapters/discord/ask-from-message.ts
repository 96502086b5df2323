import {
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type SendableChannels,
} from 'discord.js'
import { questionFrom } from './answer-mention.ts'
import type { DiscordDeps } from './discord-deps.ts'
import { feedbackRow } from './feedback-buttons.ts'
import { formatAnswer } from './format.ts'
import { scopeOfInteraction } from './interaction-scope.ts'
import { rememberTurn, threadKey } from './thread-history.ts'

/**
 * "Ask DocuQuery" on someone's message: its text is the question, and the
 * answer goes into a thread started from that message (or the thread it is
 * already in), so the conversation can go on there with the bot keeping
 * context. The person who asked is told where, privately.
 */
export async function askFromMessage(deps: DiscordDeps, interaction: MessageContextMenuCommandInteraction): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral })
  if (!(await deps.core.claimEvent('discord', interaction.id))) return
  const target = interaction.targetMessage
  const question = questionFrom(target.content, interaction.client.user.id).slice(0, 2000)
  if (!question) {
    await interaction.editReply({ content: 'That message has no text to ask about.' })
    return
  }
  const scope = await scopeOfInteraction(interaction)
  const place = await answerPlace(deps, target, question)
  const key = threadKey(place.channel, scope)
  const history = key ? await deps.core.threadHistory(key) : []
  const result = await deps.core.ask({ question, workspace: scope.workspace, channel: scope.channel, asker: interaction.user.id, history })
  if (key) await rememberTurn(deps, key, question, result.answer)

  const pieces = formatAnswer(result, `<@${interaction.user.id}> asked about this message:\n`)
  const buttons = feedbackRow(result.queryId)
  let first: Message | null = null
  for (const [i, content] of pieces.entries()) {
    const components = i === pieces.length - 1 ? buttons : []
    const options = { content, components, allowedMentions: { parse: [] } }
    const sent = i === 0 && place.replyTo ? await place.replyTo.reply({ ...options, allowedMentions: { parse: [], repliedUser: false } }) : await place.channel.send(options)
    first ??= sent
  }
  await interaction.editReply({ content: `Answered in ${place.channel.isThread() ? `<#${place.channel.id}>` : (first?.url ?? 'the channel')}.` })
}

interface AnswerPlace {
  channel: SendableChannels
  /** Reply to this message (when the answer cannot go into a thread of its own). */
  replyTo?: Message
}

/** A thread started from the message; the thread it is in or already has; else a reply next to it. */
async function answerPlace(deps: DiscordDeps, target: Message, question: string): Promise<AnswerPlace> {
  const channel = target.channel
  if (channel.isThread() && channel.isSendable()) return { channel, replyTo: target }
  try {
    // A message's thread has the message's id.
    const thread = target.hasThread ? await target.client.channels.fetch(target.id) : await target.startThread({ name: threadName(question) })
    if (thread?.isThread() && thread.isSendable()) return { channel: thread }
    throw new Error('the thread is not one I can post in')
  } catch (error) {
    // No thread possible here (a DM, a voice channel's chat, missing Create Public Threads): answer beside it.
    deps.logger.warn({ err: error, channelId: channel.id }, 'could not start a thread for "Ask DocuQuery"; replying in the channel')
    if (!channel.isSendable()) throw error
    return { channel, replyTo: target }
  }
}

/** Thread names are 1–100 characters: the question's first line, cut at a word. */
export function threadName(question: string): string {
  const line = question.split('\n')[0]?.trim() || 'Question'
  if (line.length <= 100) return line
  const cut = line.slice(0, 99)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : 99)}…`
}
