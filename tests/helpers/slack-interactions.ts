import { BOT_USER, TEAM } from './slack-kit.ts'

/**
 * Interactivity payloads (button clicks, modal submissions, shortcuts) as
 * Slack posts them: a form with one `payload` field holding the JSON.
 */
export const interactionForm = (payload: Record<string, unknown>): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString()

let sequence = 0
const triggerId = () => `${Date.now()}.${++sequence}.4f6a0c1b2d3e`

const common = (user: string) => ({
  user: { id: user, username: 'someone', name: 'someone', team_id: TEAM },
  api_app_id: 'A0DOCUQ01',
  token: 'legacy-verification-token',
  team: { id: TEAM, domain: 'acme' },
  is_enterprise_install: false,
  enterprise: null,
})

/** A click on the `feedback_buttons` element (👍 is its positive button) under a bot message. */
export function feedbackClick(options: { value: string; channel: string; messageTs: string; user?: string; plain?: boolean }): Record<string, unknown> {
  const up = options.value.startsWith('up:')
  const action = options.plain
    ? { type: 'button', action_id: up ? 'answer_feedback_up' : 'answer_feedback_down', block_id: 'Fb1', text: { type: 'plain_text', text: up ? '👍 Helpful' : '👎 Not helpful', emoji: true }, value: options.value, action_ts: `${Date.now() / 1000}` }
    : { type: 'feedback_buttons', action_id: 'answer_feedback', block_id: 'Fb1', text: { type: 'plain_text', text: up ? '👍' : '👎', emoji: true }, value: options.value, action_ts: `${Date.now() / 1000}` }
  return {
    type: 'block_actions',
    ...common(options.user ?? 'U0ASKER01'),
    container: { type: 'message', message_ts: options.messageTs, channel_id: options.channel, is_ephemeral: false },
    trigger_id: triggerId(),
    channel: { id: options.channel, name: 'general' },
    message: { type: 'message', subtype: 'bot_message', text: 'the answer', user: BOT_USER, ts: options.messageTs, bot_id: 'B0BOT0001' },
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${TEAM}/${++sequence}/xyzACTION`,
    actions: [action],
  }
}

/** The "what was wrong?" modal submitted with a reason (radio) and a note. */
export function feedbackModalSubmission(options: { privateMetadata: string; reason?: string; note?: string; user?: string }): Record<string, unknown> {
  const labels: Record<string, string> = { wrong_source: 'Wrong source', outdated: 'Outdated', not_answered: 'Did not answer my question', other: 'Something else' }
  return {
    type: 'view_submission',
    ...common(options.user ?? 'U0ASKER01'),
    trigger_id: triggerId(),
    view: {
      id: 'V0FEEDBACK1',
      team_id: TEAM,
      type: 'modal',
      callback_id: 'answer_feedback_reason',
      private_metadata: options.privateMetadata,
      hash: '1700000000.abcdef',
      title: { type: 'plain_text', text: 'What was wrong?' },
      blocks: [],
      state: {
        values: {
          reason: { reason: { type: 'radio_buttons', selected_option: options.reason ? { text: { type: 'plain_text', text: labels[options.reason] ?? options.reason }, value: options.reason } : null } },
          note: { note: { type: 'plain_text_input', value: options.note ?? null } },
        },
      },
      app_id: 'A0DOCUQ01',
      bot_id: 'B0BOT0001',
    },
    response_urls: [],
  }
}

/** "Ask DocuQuery about this message" on `message` in `channel`. */
export function messageShortcut(options: { channel: string; message: Record<string, unknown> & { ts: string }; user?: string }): Record<string, unknown> {
  return {
    type: 'message_action',
    callback_id: 'ask_docuquery',
    ...common(options.user ?? 'U0ASKER01'),
    channel: { id: options.channel, name: 'legal' },
    message_ts: options.message.ts,
    message: { type: 'message', ...options.message },
    trigger_id: triggerId(),
    response_url: `https://hooks.slack.com/app/${TEAM}/${++sequence}/xyzSHORTCUT`,
    action_ts: `${Date.now() / 1000}`,
  }
}
