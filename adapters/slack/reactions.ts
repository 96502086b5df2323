import type { Logger } from '../../src/index.ts'
import type { WebClient } from '@slack/web-api'

export const Reaction = {
  heard: 'eyes',
  indexing: 'hourglass_flowing_sand',
  indexed: 'white_check_mark',
  failed: 'x',
} as const

const harmless = new Set(['already_reacted', 'no_reaction', 'message_not_found'])

/** Reactions are a courtesy: a failure is logged, never allowed to stop the answer. */
export async function react(client: WebClient, logger: Logger, channel: string, timestamp: string, name: string, remove = false): Promise<void> {
  try {
    if (remove) await client.reactions.remove({ channel, timestamp, name })
    else await client.reactions.add({ channel, timestamp, name })
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error
    if (code && harmless.has(code)) return
    logger.warn({ err: error, channel, name, remove }, 'Slack reaction failed')
  }
}
