import type { WebClient } from '@slack/web-api'

const TTL_MS = 10 * 60 * 1000

/**
 * Whether a channel is public (documents shared there are visible to the whole
 * workspace) or private, a group DM or a DM (visible in that channel only).
 * Message events carry `channel_type`; otherwise conversations.info answers,
 * cached because channels rarely change type.
 */
export function createChannelScope() {
  const cache = new Map<string, { isPublic: boolean; at: number }>()
  return {
    async isPublic(client: WebClient, teamId: string, channel: string, channelType?: string): Promise<boolean> {
      if (channelType) return channelType === 'channel'
      const key = `${teamId}:${channel}`
      const hit = cache.get(key)
      if (hit && Date.now() - hit.at < TTL_MS) return hit.isPublic
      const info = await client.conversations.info({ channel })
      const c = info.channel
      // When unsure, the narrower scope: a private channel's file must never leak workspace-wide.
      const isPublic = Boolean(c?.is_channel && !c.is_private && !c.is_im && !c.is_mpim && !c.is_group)
      cache.set(key, { isPublic, at: Date.now() })
      return isPublic
    },
  }
}

export type ChannelScope = ReturnType<typeof createChannelScope>
