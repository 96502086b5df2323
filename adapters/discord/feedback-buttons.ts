import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js'

/**
 * 👍/👎 under an answer. The question's id travels in the buttons' custom_id
 * (`dq:fb:up:<queryId>`), so a click needs no state in this process: any
 * shard or process can record it, after a restart too. The core checks that
 * the question belongs to the workspace the click comes from.
 */
const PREFIX = 'dq:fb:'
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const PATTERN = new RegExp(`^${PREFIX}(up|down|why):(${UUID})$`, 'i')

export type FeedbackAction = 'up' | 'down' | 'why'

export const feedbackCustomId = (action: FeedbackAction, queryId: string) => `${PREFIX}${action}:${queryId}`

/** The action and question id of one of our custom_ids; null for anything else. */
export function parseFeedbackId(customId: string): { action: FeedbackAction; queryId: string } | null {
  const match = PATTERN.exec(customId)
  if (!match) return null
  return { action: match[1] as FeedbackAction, queryId: (match[2] ?? '').toLowerCase() }
}

export type ActionRow = APIActionRowComponent<APIButtonComponent>

/** The row of buttons for an answer; none when the question was not recorded (nothing to mark). */
export function feedbackRow(queryId: string | undefined): ActionRow[] {
  if (!queryId) return []
  const button = (action: 'up' | 'down', emoji: string, label: string): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: feedbackCustomId(action, queryId),
    emoji: { name: emoji },
    label,
  })
  return [{ type: ComponentType.ActionRow, components: [button('up', '👍', 'Helpful'), button('down', '👎', 'Not helpful')] }]
}
