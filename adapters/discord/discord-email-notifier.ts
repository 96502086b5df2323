import type { Logger } from '../../src/index.ts'
import type { Client } from 'discord.js'
import { type EmailNotifier, describeIndexedEmail } from '../email/email-notifier.ts'

const GUILD = /^discord:(\d+)$/

/**
 * Posts "📧 Indexed *Re: vendor contract* from Jane (2 attachments)" in the
 * channel an e-mail route maps to, when that route's workspace is a Discord
 * server (`discord:<guild id>`) and the channel belongs to it. DM workspaces
 * and other platforms' workspaces are not this notifier's.
 */
export function createDiscordEmailNotifier(client: Client, logger: Logger): EmailNotifier {
  return {
    async onIndexed(event) {
      const guildId = GUILD.exec(event.workspace)?.[1]
      if (!guildId) return
      const channel = await client.channels.fetch(event.channel).catch(() => null)
      // A route naming another server's channel is a mistake; posting there would leak the subject.
      if (!channel || channel.isDMBased() || channel.guildId !== guildId || !channel.isSendable()) {
        logger.warn({ workspace: event.workspace, channel: event.channel }, 'e-mail route names a Discord channel the bot cannot post in; not announced')
        return
      }
      await channel.send({ content: describeIndexedEmail(event), allowedMentions: { parse: [] } })
    },
  }
}
