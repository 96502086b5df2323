import type { Logger } from '../../src/index.ts'
import type { WebClient } from '@slack/web-api'
import { type EmailNotifier, describeIndexedEmail } from '../email/email-notifier.ts'
import { escapeMrkdwn } from './format.ts'

export interface SlackEmailNotifierDeps {
  /** A Web API client without a token (Bolt's), so each post names its team's token. */
  client: WebClient
  /** The bot token for a team, or null when the bot is not installed there. */
  botTokenFor(teamId: string): Promise<string | null>
  logger: Logger
}

const SLACK_PREFIX = 'slack:'

/**
 * Posts "📧 Indexed *Re: vendor contract* from Jane (2 attachments)" in the
 * channel an e-mail route maps to, when that route's workspace is a Slack
 * team this bot has a token for. Other workspaces belong to other notifiers.
 */
export function createSlackEmailNotifier(deps: SlackEmailNotifierDeps): EmailNotifier {
  return {
    async onIndexed(event) {
      if (!event.workspace.startsWith(SLACK_PREFIX)) return
      const teamId = event.workspace.slice(SLACK_PREFIX.length)
      const token = await deps.botTokenFor(teamId)
      if (!token) {
        deps.logger.warn({ workspace: event.workspace, channel: event.channel }, 'e-mail route names a Slack workspace this bot is not installed in; not announced')
        return
      }
      // Subject and sender come from whoever wrote the e-mail: escaped, so "<!channel>" cannot ping anyone.
      await deps.client.chat.postMessage({ token, channel: event.channel, text: escapeMrkdwn(describeIndexedEmail(event)), unfurl_links: false })
    },
  }
}
