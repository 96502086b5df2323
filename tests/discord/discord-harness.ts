import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/create-discord-adapter.ts'
import type { DiscordCore } from '../../adapters/discord/discord-deps.ts'
import { silentLogger, type Logger } from '../../src/platform/log/logger.ts'
import { type DoubleGuild, type DoubleUser, type GatewayDouble, startGatewayDouble } from './gateway-double.ts'

/** Ids chosen so that the two guilds travel on different shards when there are two. */
const guildId = (n: bigint) => String((n << 22n) | 7n)

export const TOKEN = 'test-bot-token.double.discord'
export const botUser: DoubleUser = { id: '900000000000000001', username: 'DocuQuery', bot: true }
export const alice: DoubleUser = { id: '700000000000000001', username: 'alice' }
export const bob: DoubleUser = { id: '700000000000000002', username: 'bob' }
export const otherBot: DoubleUser = { id: '700000000000000009', username: 'helper-bot', bot: true }

export const ACME = guildId(1000n)
export const GENERAL = '810000000000000001'
export const PRIVATE = '810000000000000002'
export const OTHER_PRIVATE = '810000000000000003'
export const THREAD = '810000000000000004'
export const OTHER_GUILD = guildId(1001n)
export const OTHER_GENERAL = '820000000000000001'
export const DM_CHANNEL = '830000000000000001'
/** A forum listed in DISCORD_AUTO_ANSWER_CHANNELS (when a test turns it on), and one that is not. */
export const FORUM = '810000000000000005'
export const QUIET_FORUM = '810000000000000006'

export const guilds: DoubleGuild[] = [
  {
    id: ACME,
    name: 'Acme',
    channels: [
      { id: GENERAL, name: 'general' },
      { id: PRIVATE, name: 'ops-private', private: true },
      { id: OTHER_PRIVATE, name: 'hr-private', private: true },
      { id: THREAD, name: 'key rotation', parentId: GENERAL },
      { id: FORUM, name: 'help', forum: true },
      { id: QUIET_FORUM, name: 'ideas', forum: true },
    ],
  },
  { id: OTHER_GUILD, name: 'Other', channels: [{ id: OTHER_GENERAL, name: 'general' }] },
]

export interface DiscordHarness {
  double: GatewayDouble
  bot: DiscordAdapter
  close(): Promise<void>
}

/** The real discord.js client, through the adapter, connected to a local gateway and REST double. */
export async function startDiscordHarness(
  core: DiscordCore,
  options: { shards?: number; answerBots?: boolean; logger?: Logger; maxFileBytes?: number; autoAnswerChannels?: string[] } = {},
): Promise<DiscordHarness> {
  const double = await startGatewayDouble({ token: TOKEN, bot: botUser, guilds, shards: options.shards ?? 1, heartbeatMs: 1000 })
  const bot = createDiscordAdapter({
    core,
    logger: options.logger ?? silentLogger,
    settings: {
      token: TOKEN,
      apiUrl: double.apiUrl,
      answerBots: options.answerBots ?? false,
      autoAnswerChannels: options.autoAnswerChannels ?? [],
      maxFileBytes: options.maxFileBytes ?? 50 * 1024 * 1024,
      streamEditMs: 1000,
    },
  })
  await bot.start()
  return {
    double,
    bot,
    async close() {
      await bot.stop()
      await double.close()
    },
  }
}
