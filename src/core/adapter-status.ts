import type { Config } from '../platform/config/config-schema.ts'

export interface AdapterStatus {
  name: string
  on: boolean
  detail: string
}

/** What start-up says about each door into DocuQuery. */
export function adapterStatuses(config: Config, adminUrl: string): AdapterStatus[] {
  return [
    {
      name: 'admin API',
      on: true,
      detail: config.ADMIN_TOKEN
        ? `${adminUrl} (bearer ADMIN_TOKEN)`
        : `${adminUrl} — no ADMIN_TOKEN set, so /api/* answers only clients on this machine`,
    },
    { name: 'CLI', on: true, detail: 'npx docuquery works through this service while it runs' },
    slackStatus(config, adminUrl),
    discordStatus(config),
    emailStatus(config, adminUrl),
  ]
}

function slackStatus(config: Config, adminUrl: string): AdapterStatus {
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

function emailStatus(config: Config, adminUrl: string): AdapterStatus {
  const doors: string[] = []
  if (config.SMTP_PORT !== undefined) {
    doors.push(`SMTP on ${config.SMTP_HOST}:${config.SMTP_PORT}${config.SMTP_TLS_CERT ? ' with STARTTLS' : ''}`)
  }
  if (config.INBOUND_EMAIL_TOKEN) doors.push(`POST ${adminUrl}/inbound/email (INBOUND_EMAIL_TOKEN)`)
  if (doors.length === 0) {
    return { name: 'e-mail', on: false, detail: 'set SMTP_PORT for an SMTP listener, or INBOUND_EMAIL_TOKEN for a mail provider webhook' }
  }
  const unmapped = `${config.EMAIL_RECIPIENT_DOMAINS.length > 0 ? `any address in ${config.EMAIL_RECIPIENT_DOMAINS.join(', ')}` : 'any address'} goes to workspace local`
  const routes = `addresses mapped by ${config.EMAIL_ROUTES_FILE ?? `${config.DATA_DIR}/email-routes.json`} (see GET /api/email/routes; without routes, ${unmapped})`
  const senders =
    config.EMAIL_ALLOWED_SENDERS.length > 0 ? `senders: ${config.EMAIL_ALLOWED_SENDERS.join(', ')}` : 'any sender accepted (set EMAIL_ALLOWED_SENDERS)'
  return { name: 'e-mail', on: true, detail: `${doors.join('; ')}; ${routes}; ${senders}` }
}

function discordStatus(config: Config): AdapterStatus {
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
    detail: `gateway with ${shards}, ${rest}; answers mentions, indexes shared files, /docuquery commands${config.DISCORD_ANSWER_BOTS ? '; answers other bots too' : ''}`,
  }
}
