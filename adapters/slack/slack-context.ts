import type { Core, Logger } from '../../src/index.ts'
import type { LimitFunction } from 'p-limit'
import type { OriginPolicy } from '../shared/fetch-within-origins.ts'
import type { ChannelScope } from './channel-scope.ts'
import type { SlackFileStore } from './slack-file-store.ts'

/** What every listener gets from the composition root. */
export interface SlackContext {
  core: Core
  logger: Logger
  files: SlackFileStore
  channels: ChannelScope
  /** Answer mentions and index files from other bots too (never from itself). */
  answerBots: boolean
  maxFileBytes: number
  /** Where shared files may be downloaded from (files.slack.com and SLACK_API_URL's origin). */
  filePolicy: OriginPolicy
  /** Longest pause between two looks whether a shared file is indexed yet (the queue may run in another process). */
  indexPollMs: number
  /** Give up waiting for ✅ after this long; the document still gets indexed. */
  indexWaitMs: number
  minUpdateIntervalMs: number
  /** Heavy work (answering, indexing) goes through here, a few jobs at a time. */
  limit: LimitFunction
}

export const workspaceKey = (teamId: string): string => `slack:${teamId}`

/** Lets the HTTP response to Slack go out before heavy work (PGlite runs on this thread). */
export const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
