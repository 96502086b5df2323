import type { Config } from '../../src/index.ts'
import type { SlackSettings } from './create-slack-adapter.ts'

/** Slack's settings from the parsed config, or null when Slack is off (the schema already refused half a setup). */
export function slackSettings(config: Config): SlackSettings | null {
  if (!config.SLACK_BOT_TOKEN && !config.SLACK_CLIENT_ID) return null
  return {
    signingSecret: config.SLACK_SIGNING_SECRET,
    botToken: config.SLACK_BOT_TOKEN,
    oauth:
      config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET
        ? { clientId: config.SLACK_CLIENT_ID, clientSecret: config.SLACK_CLIENT_SECRET, stateSecret: config.SLACK_STATE_SECRET }
        : undefined,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    answerBots: config.SLACK_ANSWER_BOTS,
  }
}
