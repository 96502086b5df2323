const DISCORD_EPOCH = 1_420_070_400_000n
let counter = 0n

/** A fresh Discord snowflake (time-ordered, unique within this process). */
export function snowflake(): string {
  counter = (counter + 1n) % 4096n
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | counter)
}

/** The shard a guild's events travel on (Discord's formula). */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount))
}
