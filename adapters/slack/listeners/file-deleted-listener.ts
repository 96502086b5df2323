import { isAppError } from '../../../src/index.ts'
import type { App } from '@slack/bolt'
import type { SlackContext } from '../slack-context.ts'

/** A file deleted in Slack is forgotten, unless another Slack file still carries the same document. */
export function registerFileDeleted(app: App, ctx: SlackContext): void {
  app.event('file_deleted', async ({ event, body }) => {
    if (!body.event_id || !body.team_id) return
    if (!(await ctx.core.claimEvent('slack', body.event_id))) return
    for (const documentId of await ctx.files.unlink(body.team_id, event.file_id)) {
      try {
        await ctx.core.forget(documentId)
        ctx.logger.info({ documentId, file: event.file_id }, 'forgot a document whose Slack file was deleted')
      } catch (error) {
        // Already forgotten through /docuquery forget or the admin API.
        if (!isAppError(error) || error.code !== 'not_found') throw error
      }
    }
  })
}
