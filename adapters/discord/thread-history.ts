import type { ThreadKey } from '../../src/index.ts'
import type { Channel } from 'discord.js'
import type { DiscordDeps } from './discord-deps.ts'
import type { DiscordScope } from './discord-scope.ts'

/** A Discord thread is a conversation: its earlier questions and answers are context for the next one. */
export function threadKey(channel: Channel, scope: DiscordScope): ThreadKey | null {
  if (!channel.isThread()) return null
  return { workspace: scope.workspace, channel: channel.parentId ?? channel.id, thread: channel.id }
}

export async function rememberTurn(deps: DiscordDeps, key: ThreadKey, question: string, answer: string): Promise<void> {
  try {
    await deps.core.rememberTurn(key, { question, answer })
  } catch (error) {
    // The answer was given; losing its context for a follow-up is not worth an error message.
    deps.logger.warn({ err: error }, 'could not remember the thread turn')
  }
}
