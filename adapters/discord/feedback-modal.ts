import type { FeedbackReason } from '../../src/index.ts'
import { type APIModalInteractionResponseCallbackData, ComponentType, type ModalSubmitInteraction, TextInputStyle } from 'discord.js'
import { feedbackCustomId } from './feedback-buttons.ts'

const REASON_FIELD = 'reason'
const NOTE_FIELD = 'note'
const NOTE_MAX = 1000

/** The reasons a 👎 can give, as the person reads them (the keys are the core's). */
export const reasonLabels: Record<FeedbackReason, string> = {
  wrong_source: 'It cited the wrong source',
  outdated: 'It is out of date',
  not_answered: 'It did not answer my question',
  other: 'Something else',
}

/** "What was wrong?": a select of reasons and a short text, both optional (Discord modals take labelled selects). */
export function feedbackModal(queryId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: feedbackCustomId('why', queryId),
    title: 'What was wrong?',
    components: [
      {
        type: ComponentType.Label,
        label: 'What was wrong with this answer?',
        component: {
          type: ComponentType.StringSelect,
          custom_id: REASON_FIELD,
          required: false,
          min_values: 0,
          max_values: 1,
          options: Object.entries(reasonLabels).map(([value, label]) => ({ value, label })),
        },
      },
      {
        type: ComponentType.Label,
        label: 'Anything to add?',
        description: 'Optional: what the right answer or document is',
        component: { type: ComponentType.TextInput, custom_id: NOTE_FIELD, style: TextInputStyle.Paragraph, required: false, max_length: NOTE_MAX },
      },
    ],
  }
}

/** The reason and note a submitted modal carries; anything unexpected is left out rather than refused. */
export function readFeedbackModal(interaction: ModalSubmitInteraction): { reason: FeedbackReason | null; note: string | null } {
  const fields = interaction.fields.fields
  const select = fields.get(REASON_FIELD)
  const picked = select && 'values' in select ? select.values?.[0] : undefined
  const reason = picked && picked in reasonLabels ? (picked as FeedbackReason) : null
  const text = fields.get(NOTE_FIELD)
  const note = text && 'value' in text && typeof text.value === 'string' ? text.value.trim().slice(0, NOTE_MAX) : ''
  return { reason, note: note || null }
}
