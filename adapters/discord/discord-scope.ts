import { ChannelType, type Channel, type NonThreadGuildBasedChannel, PermissionFlagsBits } from 'discord.js'

/** Where a message or command sits, in the core's terms (DESIGN.md "Scope"). */
export interface DiscordScope {
  /** `discord:<guild>`, or `discord:dm:<user>` for direct messages with the bot. */
  workspace: string
  /** The channel a question from here is asked from: it sees guild-visible documents and this channel's. */
  channel: string | null
  /** Who may see a document shared here: null for the whole guild, else one channel id. */
  visibleIn: string | null
  /** The channel (or thread) it was shared in. */
  sharedIn: string
}

/**
 * A guild is a workspace. A channel that @everyone may view is public, so what
 * is shared there is guild-visible; anything else is visible in that channel
 * only. Threads take their parent's scope (a document shared in a thread is
 * visible in the channel and all its threads), except private threads, which
 * are their own channel. Each user's DMs with the bot are a workspace of their own.
 */
export function scopeOf(channel: Channel, userId: string): DiscordScope {
  if (channel.isDMBased()) {
    return { workspace: `discord:dm:${userId}`, channel: null, visibleIn: null, sharedIn: channel.id }
  }
  const workspace = `discord:${channel.guildId}`
  if (channel.isThread()) {
    if (channel.type === ChannelType.PrivateThread) {
      return { workspace, channel: channel.id, visibleIn: channel.id, sharedIn: channel.id }
    }
    const parentId = channel.parentId ?? channel.id
    const parent = channel.parent
    const open = parent !== null && everyoneCanView(parent)
    return { workspace, channel: parentId, visibleIn: open ? null : parentId, sharedIn: channel.id }
  }
  const open = everyoneCanView(channel)
  return { workspace, channel: channel.id, visibleIn: open ? null : channel.id, sharedIn: channel.id }
}

/** @everyone's role permissions with the channel's overwrites applied; when unknown, private (fail closed). */
function everyoneCanView(channel: NonThreadGuildBasedChannel): boolean {
  const everyone = channel.guild.roles.cache.get(channel.guild.id)
  if (!everyone) return false
  return channel.permissionsFor(everyone).has(PermissionFlagsBits.ViewChannel)
}
