import { AppError, type DocumentView } from '../../src/index.ts'
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js'
import { escapeName } from './describe-error.ts'
import type { DiscordDeps } from './discord-deps.ts'
import type { DiscordScope } from './discord-scope.ts'
import { formatAnswer, formatSources, formatStats, helpText, streamingPreview } from './format.ts'
import { scopeOfInteraction } from './interaction-scope.ts'
import { COMMAND_NAME } from './slash-commands.ts'
import { createStreamingReply } from './streaming-reply.ts'
import { rememberTurn, threadKey } from './thread-history.ts'

const LIST_LIMIT = 5000

/**
 * INTERACTION_CREATE: `/docuquery …` is deferred at once (Discord wants an
 * acknowledgement within 3 s), then the deferred reply is edited with the
 * result. Everything but `ask` is ephemeral.
 */
export async function handleInteraction(deps: DiscordDeps, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) return await suggestDocuments(deps, interaction)
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
      first: (text) => interaction.editReply({ content: text, allowedMentions: { parse: [] } }),
      update: (text) => interaction.editReply({ content: text, allowedMentions: { parse: [] } }),
      more: (text) => interaction.followUp({ content: text, allowedMentions: { parse: [] } }),
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
    const pieces = formatAnswer(result, `**Q:** ${question.slice(0, 300)}\n`)
    if (thread) await rememberTurn(deps, thread, question, result.answer)
    await reply.finish(pieces)
  } catch (error) {
    reply.cancel()
    throw error
  }
}

async function forget(deps: DiscordDeps, interaction: ChatInputCommandInteraction, scope: DiscordScope): Promise<void> {
  const wanted = interaction.options.getString('document', true).trim()
  const docs = await deps.core.listDocuments({ workspace: scope.workspace, channel: scope.channel, limit: LIST_LIMIT })
  const byId = docs.find((d) => d.id === wanted)
  const byTitle = docs.filter((d) => [d.title, d.source].some((name) => name.toLowerCase() === wanted.toLowerCase()))
  const matches = byId ? [byId] : byTitle
  if (matches.length === 0) throw new AppError('not_found', `no document called "${wanted.slice(0, 100)}" is visible here`)
  if (matches.length > 1) {
    await interaction.editReply({ content: `Several documents are called *${escapeName(wanted)}*; pick one from the list as you type.` })
    return
  }
  const doc = matches[0] as DocumentView
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

async function suggestDocuments(deps: DiscordDeps, interaction: AutocompleteInteraction): Promise<void> {
  const scope = await scopeOfInteraction(interaction)
  const typed = interaction.options.getFocused().toLowerCase()
  const docs = await deps.core.listDocuments({ workspace: scope.workspace, channel: scope.channel, limit: LIST_LIMIT })
  const choices = docs
    .filter((d) => `${d.title} ${d.source}`.toLowerCase().includes(typed))
    .slice(0, 25)
    .map((d) => ({ name: (d.title === d.source ? d.title : `${d.title} — ${d.source}`).slice(0, 100), value: d.id }))
  await interaction.respond(choices)
}

const where = (scope: DiscordScope) => (scope.workspace.startsWith('discord:dm:') ? 'in our DMs' : 'in this channel')
