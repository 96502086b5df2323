import { AppError, type DocumentView } from '../../src/index.ts'
import {
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js'
import { escapeName } from './describe-error.ts'
import type { DiscordDeps } from './discord-deps.ts'
import type { DiscordScope } from './discord-scope.ts'
import { askFromMessage } from './ask-from-message.ts'
import { feedbackRow } from './feedback-buttons.ts'
import { handleFeedbackButton, handleFeedbackModal } from './handle-feedback.ts'
import { formatAnswer, formatDocument, formatSources, formatStats, helpText, streamingPreview } from './format.ts'
import { scopeOfInteraction } from './interaction-scope.ts'
import { suggestDocuments } from './suggest-documents.ts'
import { ASK_MESSAGE_COMMAND, COMMAND_NAME } from './slash-commands.ts'
import { createStreamingReply } from './streaming-reply.ts'
import { rememberTurn, threadKey } from './thread-history.ts'

const LIST_LIMIT = 5000

/**
 * INTERACTION_CREATE: autocomplete, 👍/👎 clicks and their modal, and "Ask
 * DocuQuery" go to their own handlers. `/docuquery …` is deferred at once
 * (Discord wants an acknowledgement within 3 s), then the deferred reply is
 * edited with the result. Everything but `ask` is ephemeral.
 */
export async function handleInteraction(deps: DiscordDeps, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) return await suggestDocuments(deps, interaction)
  if (interaction.isButton()) return await handleFeedbackButton(deps, interaction)
  if (interaction.isModalSubmit()) return await handleFeedbackModal(deps, interaction)
  if (interaction.isMessageContextMenuCommand() && interaction.commandName === ASK_MESSAGE_COMMAND) return await askFromMessage(deps, interaction)
  if (!interaction.isChatInputCommand() || interaction.commandName !== COMMAND_NAME) return
  const sub = interaction.options.getSubcommand(false) ?? 'help'
  await interaction.deferReply(sub === 'ask' ? {} : { flags: MessageFlags.Ephemeral })
  if (!(await deps.core.claimEvent('discord', interaction.id))) return
  const scope = await scopeOfInteraction(interaction)
  switch (sub) {
    case 'ask':
      return await ask(deps, interaction, scope)
    case 'sources': {
      const docs = await deps.core.listDocuments({ workspace: scope.workspace, channel: scope.channel, limit: LIST_LIMIT })
      const wanted = interaction.options.getString('document')
      if (wanted) {
        await interaction.editReply({ content: formatDocument(oneDocument(docs, wanted)), allowedMentions: { parse: [] } })
        return
      }
      const [first = '', ...rest] = formatSources(docs, where(scope))
      await interaction.editReply({ content: first, allowedMentions: { parse: [] } })
      for (const piece of rest) await interaction.followUp({ content: piece, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } })
      return
    }
    case 'stats': {
      const docs = await deps.core.listDocuments({ workspace: scope.workspace, channel: scope.channel, limit: LIST_LIMIT })
      await interaction.editReply({ content: formatStats(docs, where(scope)) })
      return
    }
    case 'forget':
      return await forget(deps, interaction, scope)
    default:
      await interaction.editReply({ content: helpText })
  }
}

async function ask(deps: DiscordDeps, interaction: ChatInputCommandInteraction, scope: DiscordScope): Promise<void> {
  const question = interaction.options.getString('question', true)
  const reply = createStreamingReply(
    {
      first: (text, components) => interaction.editReply({ content: text, ...(components ? { components } : {}), allowedMentions: { parse: [] } }),
      update: (text, components) => interaction.editReply({ content: text, ...(components ? { components } : {}), allowedMentions: { parse: [] } }),
      more: (text, components = []) => interaction.followUp({ content: text, components, allowedMentions: { parse: [] } }),
    },
    deps.settings.streamEditMs ?? 1000,
    streamingPreview,
  )
  try {
    const thread = interaction.channel ? threadKey(interaction.channel, scope) : null
    const history = thread ? await deps.core.threadHistory(thread) : []
    const result = await deps.core.ask(
      { question, workspace: scope.workspace, channel: scope.channel, asker: interaction.user.id, history },
      { onText: (text) => reply.update(text) },
    )
    // The question is not visible in a deferred reply to a slash command; quote it,
    // in room kept free in the first piece (cutting after the prefix would lose text).
    const pieces = formatAnswer(result, `**Q:** ${question.slice(0, 300)}\n`, { dm: !interaction.inGuild() })
    if (thread) await rememberTurn(deps, thread, question, result.answer)
    await reply.finish(pieces, feedbackRow(result.queryId))
  } catch (error) {
    reply.cancel()
    throw error
  }
}

async function forget(deps: DiscordDeps, interaction: ChatInputCommandInteraction, scope: DiscordScope): Promise<void> {
  const wanted = interaction.options.getString('document', true)
  const docs = await deps.core.listDocuments({ workspace: scope.workspace, channel: scope.channel, limit: LIST_LIMIT })
  const doc = oneDocument(docs, wanted)
  const mayForget =
    !interaction.inGuild() ||
    doc.sharedBy === interaction.user.id ||
    interaction.memberPermissions.has(PermissionFlagsBits.ManageMessages)
  if (!mayForget) {
    const sharer = doc.sharedBy ? `<@${doc.sharedBy}> (who shared it)` : 'whoever shared it'
    throw new AppError('unauthorized', `only ${sharer} or members with Manage Messages can make me forget *${escapeName(doc.source)}*`)
  }
  await deps.core.forget(doc.id)
  await interaction.editReply({ content: `Forgotten: *${escapeName(doc.source)}*. I will no longer use it in answers.`, allowedMentions: { parse: [] } })
}

/** The document an option names (its id, as autocomplete fills in, or its exact title or file name), among those visible here. */
function oneDocument(docs: readonly DocumentView[], wanted: string): DocumentView {
  const name = wanted.trim()
  const byId = docs.find((d) => d.id === name)
  const matches = byId ? [byId] : docs.filter((d) => [d.title, d.source].some((n) => n.toLowerCase() === name.toLowerCase()))
  if (matches.length === 0) throw new AppError('not_found', `no document called "${name.slice(0, 100)}" is visible here`)
  if (matches.length > 1) throw new AppError('invalid_input', `several documents are called *${escapeName(name)}*; pick one from the list as you type`)
  return matches[0] as DocumentView
}

const where = (scope: DiscordScope) => (scope.workspace.startsWith('discord:dm:') ? 'in our DMs' : 'in this channel')
