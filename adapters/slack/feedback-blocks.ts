import type { FeedbackReason } from '../../src/index.ts'
import type { types } from '@slack/bolt'
import type { SlackMessage } from './format.ts'

/** action_id of the 👍/👎 `feedback_buttons` element; the plain buttons' ids start with it too. */
export const FEEDBACK_ACTION = 'answer_feedback'
export const FEEDBACK_UP_ACTION = `${FEEDBACK_ACTION}_up`
export const FEEDBACK_DOWN_ACTION = `${FEEDBACK_ACTION}_down`
/** callback_id of the "what was wrong?" modal a 👎 opens. */
export const FEEDBACK_MODAL = 'answer_feedback_reason'

export type FeedbackStyle = 'native' | 'buttons'

/** A Block Kit block as the Web API's types take it: a `type` and its fields. */
export type SlackBlock = { type: string; [field: string]: unknown }

const text = (t: string) => ({ type: 'plain_text' as const, text: t, emoji: true })

/** The click's value carries the question's id: "up:<queryId>" or "down:<queryId>" (well under Slack's 2,000 characters). */
export function parseFeedbackValue(value: string | undefined): { queryId: string; helpful: boolean } | null {
  const match = /^(up|down):([0-9a-f-]{36})$/.exec(value ?? '')
  if (!match?.[1] || !match[2]) return null
  return { helpful: match[1] === 'up', queryId: match[2] }
}

/** 👍/👎 under an answer: Slack's `feedback_buttons` in a `context_actions` block, or two plain buttons where that block is refused. */
export function feedbackBlock(queryId: string, style: FeedbackStyle): SlackBlock {
  if (style === 'native') {
    return {
      type: 'context_actions',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: FEEDBACK_ACTION,
          positive_button: { text: text('👍'), value: `up:${queryId}`, accessibility_label: 'This answer helped' },
          negative_button: { text: text('👎'), value: `down:${queryId}`, accessibility_label: 'This answer did not help' },
        },
      ],
    }
  }
  return {
    type: 'actions',
    elements: [
      { type: 'button', action_id: FEEDBACK_UP_ACTION, text: text('👍 Helpful'), value: `up:${queryId}` },
      { type: 'button', action_id: FEEDBACK_DOWN_ACTION, text: text('👎 Not helpful'), value: `down:${queryId}` },
    ],
  }
}

/** The last message of an answer with the 👍/👎 block after its sections; a message already at Slack's 50 blocks gets a short one of its own after it. */
export function withFeedback(messages: SlackMessage[], queryId: string | undefined, style: FeedbackStyle): SlackMessage[] {
  const last = messages.at(-1)
  if (!queryId || !last) return messages
  if (last.blocks.length >= 50) return [...messages, { text: 'Was this answer helpful?', blocks: [feedbackBlock(queryId, style)] }]
  return [...messages.slice(0, -1), { ...last, blocks: [...last.blocks, feedbackBlock(queryId, style)] }]
}

/** The same message with plain buttons instead of `context_actions` (for a workspace or client that refuses the newer block). */
export function withPlainFeedbackButtons(message: SlackMessage): SlackMessage {
  return {
    ...message,
    blocks: message.blocks.map((block) => {
      if (block.type !== 'context_actions') return block
      const element = (block.elements as Array<{ positive_button?: { value?: string } }> | undefined)?.[0]
      const queryId = parseFeedbackValue(element?.positive_button?.value)?.queryId
      return queryId ? feedbackBlock(queryId, 'buttons') : block
    }),
  }
}

export const hasNativeFeedback = (message: SlackMessage): boolean => message.blocks.some((b) => b.type === 'context_actions')

/** Slack's answer to a block it does not know: `invalid_blocks` (errors name the block). */
export const isInvalidBlocks = (error: unknown): boolean => (error as { data?: { error?: string } }).data?.error === 'invalid_blocks'

export const feedbackReasons: ReadonlyArray<{ value: FeedbackReason; label: string }> = [
  { value: 'wrong_source', label: 'Wrong source' },
  { value: 'outdated', label: 'Outdated' },
  { value: 'not_answered', label: 'Did not answer my question' },
  { value: 'other', label: 'Something else' },
]

/** The modal a 👎 opens: a reason and free text, both optional; the 👎 itself is already stored. */
export function feedbackModal(meta: { queryId: string; workspace: string }): types.ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_MODAL,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'input' as const,
        block_id: 'reason',
        optional: true,
        label: text('The answer…'),
        element: {
          type: 'radio_buttons' as const,
          action_id: 'reason',
          options: feedbackReasons.map((r) => ({ text: text(r.label), value: r.value })),
        },
      },
      {
        type: 'input' as const,
        block_id: 'note',
        optional: true,
        label: text('Anything to add?'),
        element: { type: 'plain_text_input' as const, action_id: 'note', multiline: true, max_length: 2000 },
      },
    ],
  }
}
