import type { Config } from '../../src/index.ts'
import type { DiscordSettings } from './discord-deps.ts'

/** Discord's settings from the parsed config, or null when Discord is off (no DISCORD_TOKEN). */
export function discordSettings(config: Config): DiscordSettings | null {
  if (!config.DISCORD_TOKEN) return null
  return {
    token: config.DISCORD_TOKEN,
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    answerBots: config.DISCORD_ANSWER_BOTS,
    autoAnswerChannels: config.DISCORD_AUTO_ANSWER_CHANNELS,
    ...(config.DISCORD_SHARD_COUNT ? { shardCount: config.DISCORD_SHARD_COUNT } : {}),
    ...(config.DISCORD_SHARD_IDS ? { shardIds: config.DISCORD_SHARD_IDS } : {}),
    maxFileBytes: config.MAX_FILE_BYTES,
  }
}
