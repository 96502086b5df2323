import type { FeedbackReason } from '../../../src/index.ts'
import type { App, BlockAction, ButtonAction, FeedbackButtonsAction } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { describeAskError } from '../describe-error.ts'
import { FEEDBACK_ACTION, FEEDBACK_MODAL, feedbackModal, feedbackReasons, parseFeedbackValue } from '../feedback-blocks.ts'
import { type SlackContext, workspaceKey } from '../slack-context.ts'

type FeedbackClick = BlockAction<FeedbackButtonsAction | ButtonAction>

/**
 * 👍/👎 under an answer: the click is stored on the question at once (the
 * latest click wins); a 👎 also opens "what was wrong?", whose answer adds the
 * reason and a note to the same mark.
 */
export function registerFeedback(app: App, ctx: SlackContext): void {
  app.action<FeedbackClick>({ type: 'block_actions', action_id: new RegExp(`^${FEEDBACK_ACTION}`) }, async ({ ack, body, action, client }) => {
    await ack()
    const click = parseFeedbackValue(action.value)
    const teamId = body.team?.id ?? body.user.team_id
    if (!click || !teamId) return
    const workspace = workspaceKey(teamId)
    try {
      // The modal first: its trigger_id is good for three seconds, the mark can wait a moment.
      if (!click.helpful) {
        await client.views.open({ trigger_id: body.trigger_id, view: feedbackModal({ queryId: click.queryId, workspace }) })
      }
      await ctx.core.recordFeedback({ queryId: click.queryId, workspace, helpful: click.helpful, by: body.user.id })
    } catch (error) {
      ctx.logger.error({ err: error, queryId: click.queryId }, 'Slack feedback not stored')
      await tellClicker(client, body, describeAskError(error))
    }
  })

  app.view(FEEDBACK_MODAL, async ({ ack, body, view }) => {
    await ack()
    const meta = parseMeta(view.private_metadata)
    const teamId = body.team?.id ?? body.user.team_id
    // The submitter's own team decides the workspace, whatever the metadata says.
    if (!meta || !teamId || meta.workspace !== workspaceKey(teamId)) return
    const reason = view.state.values.reason?.reason?.selected_option?.value
    const note = view.state.values.note?.note?.value?.trim()
    try {
      await ctx.core.recordFeedback({
        queryId: meta.queryId,
        workspace: meta.workspace,
        helpful: false,
        by: body.user.id,
        reason: isReason(reason) ? reason : null,
        note: note ? note : null,
      })
    } catch (error) {
      ctx.logger.error({ err: error, queryId: meta.queryId }, 'Slack feedback reason not stored')
    }
  })
}

const isReason = (value: string | null | undefined): value is FeedbackReason => feedbackReasons.some((r) => r.value === value)

function parseMeta(raw: string): { queryId: string; workspace: string } | null {
  try {
    const meta = JSON.parse(raw) as { queryId?: unknown; workspace?: unknown }
    return typeof meta.queryId === 'string' && typeof meta.workspace === 'string' ? { queryId: meta.queryId, workspace: meta.workspace } : null
  } catch {
    return null
  }
}

/** Only the person who clicked sees why their click did nothing. */
async function tellClicker(client: WebClient, body: FeedbackClick, text: string): Promise<void> {
  if (!body.channel) return
  try {
    await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text, ...(body.message?.thread_ts ? { thread_ts: String(body.message.thread_ts) } : {}) })
  } catch {
    // The channel may be gone; the log already has the failure.
  }
}
