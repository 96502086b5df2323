import type { AdapterStatus, Config } from '../../src/index.ts'

/** What start-up (and the console's settings page) says about Discord. */
export function discordStatus(config: Config): AdapterStatus {
  if (!config.DISCORD_TOKEN) {
    return { name: 'Discord', on: false, detail: 'set DISCORD_TOKEN (and run `npm run discord:register` once); see README "Discord"' }
  }
  const rest = config.DISCORD_API_URL ? `REST via ${config.DISCORD_API_URL}` : 'REST at discord.com'
  const shards = config.DISCORD_SHARD_IDS
    ? `shards ${config.DISCORD_SHARD_IDS.join(', ')} of ${config.DISCORD_SHARD_COUNT ?? Math.max(...config.DISCORD_SHARD_IDS) + 1}`
    : config.DISCORD_SHARD_COUNT
      ? `${config.DISCORD_SHARD_COUNT} shards`
      : 'the shard count Discord recommends'
  return {
    name: 'Discord',
    on: true,
    detail:
      `gateway with ${shards}, ${rest}; answers mentions, indexes shared files, /docuquery commands, "Ask DocuQuery"` +
      `${config.DISCORD_AUTO_ANSWER_CHANNELS.length > 0 ? `; auto-answers new posts in ${config.DISCORD_AUTO_ANSWER_CHANNELS.length} forum channel(s)` : ''}` +
      `${config.DISCORD_ANSWER_BOTS ? '; answers other bots too' : ''}`,
  }
}
