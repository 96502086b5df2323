import type { Config } from '../config/config-schema.ts'

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
    {
      name: 'Slack',
      on: false,
      detail: 'not part of this release yet; it will use SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET',
    },
    {
      name: 'Discord',
      on: false,
      detail: 'not part of this release yet; it will use DISCORD_TOKEN and DISCORD_APPLICATION_ID',
    },
    { name: 'e-mail', on: false, detail: 'not part of this release yet; it will use SMTP_PORT' },
  ]
}
