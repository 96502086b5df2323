import type { Orm } from '../../src/index.ts'
import type { Authorize, AuthorizeResult, Installation, InstallationQuery } from '@slack/bolt'
import { eq } from 'drizzle-orm'
import { slackInstallations } from './slack-schema.ts'

type AnyInstallation = Installation<'v1' | 'v2', boolean>

/**
 * OAuth installations in Postgres (or PGlite): one row per team, or per
 * enterprise for org-wide installs. Also @slack/oauth's InstallationStore
 * (storeInstallation, fetchInstallation), so its InstallProvider saves here.
 */
export function createInstallationStore(orm: Orm) {
  async function storeInstallation(installation: AnyInstallation): Promise<void> {
    const enterpriseInstall = Boolean(installation.isEnterpriseInstall)
    const installKey = enterpriseInstall ? installation.enterprise?.id : installation.team?.id
    if (!installKey) throw new Error('installation names neither a team nor an enterprise')
    const row = {
      installKey,
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall: enterpriseInstall,
      botToken: installation.bot?.token ?? null,
      botUserId: installation.bot?.userId ?? null,
      botId: installation.bot?.id ?? null,
      installation: installation as unknown as Record<string, unknown>,
      updatedAt: new Date(),
    }
    await orm.insert(slackInstallations).values(row).onConflictDoUpdate({ target: slackInstallations.installKey, set: row })
  }

  return {
    storeInstallation,

    async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
      const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId
      const rows = key ? await orm.select({ installation: slackInstallations.installation }).from(slackInstallations).where(eq(slackInstallations.installKey, key)).limit(1) : []
      const row = rows[0]
      if (!row) throw new Error(`DocuQuery is not installed in ${key ?? 'this workspace'}`)
      return row.installation as unknown as AnyInstallation
    },

    async remove(installKey: string): Promise<void> {
      await orm.delete(slackInstallations).where(eq(slackInstallations.installKey, installKey))
    },

    /** The bot token installed for a team (or null): for posts that no Slack event started. */
    async botTokenFor(teamId: string): Promise<string | null> {
      const rows = await orm.select({ botToken: slackInstallations.botToken }).from(slackInstallations).where(eq(slackInstallations.teamId, teamId)).limit(1)
      return rows[0]?.botToken ?? null
    },

    /** Bolt's authorize: the bot token of the team (or enterprise) an event came from. */
    authorize: (async (source) => {
      const key = source.isEnterpriseInstall ? source.enterpriseId : source.teamId
      const rows = key ? await orm.select().from(slackInstallations).where(eq(slackInstallations.installKey, key)).limit(1) : []
      const row = rows[0]
      if (!row?.botToken) throw new Error(`DocuQuery is not installed in ${key ?? 'this workspace'}`)
      const result: AuthorizeResult = { botToken: row.botToken }
      if (row.botId) result.botId = row.botId
      if (row.botUserId) result.botUserId = row.botUserId
      if (row.teamId) result.teamId = row.teamId
      if (row.enterpriseId) result.enterpriseId = row.enterpriseId
      return result
    }) as Authorize<boolean>,
  }
}

export type InstallationStore = ReturnType<typeof createInstallationStore>
