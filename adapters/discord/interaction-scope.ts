import type { Interaction } from 'discord.js'
import { type DiscordScope, scopeOf } from './discord-scope.ts'

/** The scope a slash command runs in: its channel's, like a mention there. */
export async function scopeOfInteraction(interaction: Interaction): Promise<DiscordScope> {
  const userId = interaction.user.id
  if (!interaction.guildId) {
    return { workspace: `discord:dm:${userId}`, channel: null, visibleIn: null, sharedIn: interaction.channelId ?? userId }
  }
  const channelId = interaction.channelId ?? ''
  const channel =
    interaction.channel ?? (channelId ? await interaction.client.channels.fetch(channelId).catch(() => null) : null)
  if (channel) return scopeOf(channel, userId)
  // A channel we cannot see into: treat it as private to itself (fail closed).
  return { workspace: `discord:${interaction.guildId}`, channel: channelId, visibleIn: channelId, sharedIn: channelId }
}
