import { Client, type ClientOptions, Events, GatewayIntentBits, type Interaction, MessageFlags, Partials } from 'discord.js'
import type { EmailNotifier } from '../email/email-notifier.ts'
import type { DiscordDeps } from './discord-deps.ts'
import { answerForumPost } from './answer-forum-post.ts'
import { createDiscordEmailNotifier } from './discord-email-notifier.ts'
import { createErrorBoundary } from './error-boundary.ts'
import { handleInteraction } from './handle-interaction.ts'
import { handleMessage } from './handle-message.ts'
import { guardPackets } from './packet-guard.ts'

export interface DiscordAdapter {
  /** Logs in and resolves once every shard is ready (its guilds received). */
  start(): Promise<void>
  /** Lets running handlers finish (up to 10 s), then closes the gateway connections. */
  stop(): Promise<void>
  readonly client: Client
  /** Announces indexed e-mails in the Discord channels their routes map to (`discord:<guild>` workspaces). */
  readonly emailNotifier: EmailNotifier
}

/**
 * The Discord adapter: one discord.js client (all shards of this process)
 * whose events become core commands. Built by the composition root.
 */
export function createDiscordAdapter(deps: DiscordDeps): DiscordAdapter {
  const { settings, logger } = deps
  const client = new Client(clientOptions(deps))
  const boundary = createErrorBoundary(logger)
  guardPackets(client, logger)

  client.on(Events.MessageCreate, (message) => {
    const botId = client.user?.id
    if (!botId) return
    boundary.run(
      'message',
      () => handleMessage(deps, message, botId),
      (text) => message.reply({ content: text, allowedMentions: { parse: [], repliedUser: false } }),
    )
  })
  client.on(Events.ThreadCreate, (thread, newlyCreated) => {
    const botId = client.user?.id
    if (!botId) return
    // Nobody asked: a failure is logged, not posted.
    boundary.run('forum post', () => answerForumPost(deps, thread, newlyCreated, botId))
  })
  client.on(Events.InteractionCreate, (interaction) => {
    boundary.run('interaction', () => handleInteraction(deps, interaction), (text) => tellInteraction(interaction, text))
  })
  client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'))
  client.on(Events.ShardError, (error, shardId) => logger.warn({ err: error, shardId }, 'Discord shard connection error'))
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'Discord rate limit: waiting'),
  )

  return {
    client,
    emailNotifier: createDiscordEmailNotifier(client, logger),
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()))
      await client.login(settings.token)
      await ready
      logger.info(
        { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size },
        'Discord: connected',
      )
    },
    async stop() {
      await boundary.settle(10_000)
      await client.destroy()
    },
  }
}

function clientOptions({ settings }: DiscordDeps): ClientOptions {
  const options: ClientOptions = {
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      // Privileged: without it, messages in guild channels arrive without their
      // text and their attachments (except messages that mention the bot).
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    // DM channels are not cached before their first message.
    partials: [Partials.Channel],
    // Answers quote documents: never let them ping @everyone, roles or users.
    allowedMentions: { parse: [], repliedUser: true },
  }
  if (settings.apiUrl) options.rest = { api: settings.apiUrl.replace(/\/+$/, '') }
  if (settings.shardIds) {
    options.shards = settings.shardIds
    options.shardCount = settings.shardCount ?? Math.max(...settings.shardIds) + 1
  } else if (settings.shardCount) {
    options.shardCount = settings.shardCount
  } else {
    // As many shards as Discord recommends (GET /gateway/bot), all in this process.
    options.shards = 'auto'
  }
  return options
}

async function tellInteraction(interaction: Interaction, text: string): Promise<void> {
  if (!interaction.isRepliable()) return
  if (interaction.deferred || interaction.replied) await interaction.editReply({ content: text, allowedMentions: { parse: [] } })
  else await interaction.reply({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } })
}
