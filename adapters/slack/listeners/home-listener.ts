import type { App } from '@slack/bolt'
import { renderHome } from '../home-view.ts'
import { type SlackContext, workspaceKey } from '../slack-context.ts'
import { isWorkspaceAdmin } from '../workspace-admin.ts'

const DECLINED_WINDOW_MS = 7 * 24 * 60 * 60 * 1000

/** `app_home_opened` on the Home tab → views.publish of what the bot knows and what this person asked. */
export function registerHome(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return
    const teamId = (body as { team_id?: string }).team_id
    if (!teamId) return
    const workspace = workspaceKey(teamId)
    try {
      const [documents, feedback, mine, admin] = await Promise.all([
        ctx.core.listDocuments({ workspace, channel: null, limit: 10_000 }),
        ctx.core.feedbackCounts(workspace),
        ctx.core.recentQuestions({ workspace, asker: event.user, limit: 5 }),
        isWorkspaceAdmin(client, event.user),
      ])
      const declined = admin ? await ctx.core.recentQuestions({ workspace, declined: true, since: new Date(Date.now() - DECLINED_WINDOW_MS), limit: 10 }) : null
      await client.views.publish({ user_id: event.user, view: renderHome({ documents, feedback, mine, declined, now: Date.now() }) })
    } catch (error) {
      // A Home tab that cannot be drawn keeps its previous version; nothing to tell in a channel.
      ctx.logger.error({ err: error, user: event.user }, 'Slack Home tab not published')
    }
  })
}
