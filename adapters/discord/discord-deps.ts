import type { Core, Logger } from '../../src/index.ts'

/** The core commands the Discord adapter uses. */
export type DiscordCore = Pick<
  Core,
  'ask' | 'ingest' | 'waitForDocuments' | 'listDocuments' | 'forget' | 'claimEvent' | 'threadHistory' | 'rememberTurn'
>

export interface DiscordSettings {
  token: string
  /** REST base URL (a proxy shared by several processes); discord.js' default when absent. */
  apiUrl?: string
  /** Answer mentions from other bots too (never its own messages). */
  answerBots: boolean
  /** Total shards; absent: the count Discord recommends (GET /gateway/bot). */
  shardCount?: number
  /** The shards this process runs; absent: all of them. */
  shardIds?: number[]
  maxFileBytes: number
  /** How long to wait for a shared file to be indexed before saying it is still in progress. */
  indexWaitMs?: number
  /** Minimum time between two edits of a streamed answer. */
  streamEditMs?: number
}

export interface DiscordDeps {
  core: DiscordCore
  logger: Logger
  settings: DiscordSettings
}
