import type { AdapterStatus, Config } from '../src/index.ts'
import { adminStatuses } from './admin/admin-status.ts'
import { discordStatus } from './discord/discord-status.ts'
import { emailStatus } from './email/email-status.ts'
import { slackStatus } from './slack/slack-status.ts'

/** What start-up says about each door into DocuQuery; each adapter words its own line. */
export function adapterStatuses(config: Config, adminUrl: string): AdapterStatus[] {
  return [...adminStatuses(config, adminUrl), slackStatus(config, adminUrl), discordStatus(config), emailStatus(config, adminUrl)]
}
