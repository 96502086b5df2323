import type { AdapterStatus, Config } from '../../src/index.ts'

/** What start-up (and the console's settings page) says about Slack. */
export function slackStatus(config: Config, adminUrl: string): AdapterStatus {
  if (!config.SLACK_BOT_TOKEN && !config.SLACK_CLIENT_ID) {
    return { name: 'Slack', on: false, detail: 'set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or the OAuth client); see README "Slack"' }
  }
  const transport = config.SLACK_APP_TOKEN ? 'Socket Mode (SLACK_APP_TOKEN)' : `events at POST ${adminUrl}/slack/events`
  const install = config.SLACK_CLIENT_ID ? `OAuth install at ${adminUrl}/slack/install, many workspaces` : 'one workspace (SLACK_BOT_TOKEN)'
  const api = config.SLACK_API_URL ? `; Web API at ${config.SLACK_API_URL}` : ''
  return {
    name: 'Slack',
    on: true,
    detail: `${transport}; ${install}${api}; answers mentions, indexes shared files, /docuquery${config.SLACK_ANSWER_BOTS ? '; answers other bots too' : ''}`,
  }
}
