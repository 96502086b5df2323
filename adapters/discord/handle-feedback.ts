import { AppError, isAppError } from '../../src/index.ts'
import { type ButtonInteraction, MessageFlags, type ModalSubmitInteraction } from 'discord.js'
import type { DiscordDeps } from './discord-deps.ts'
import { parseFeedbackId } from './feedback-buttons.ts'
import { feedbackModal, readFeedbackModal, reasonLabels } from './feedback-modal.ts'
import { scopeOfInteraction } from './interaction-scope.ts'

/**
 * A click on 👍 or 👎 under an answer. 👍 is acknowledged privately at once
 * and recorded. 👎 opens "what was wrong?" at once (a modal must be the first
 * response) and is recorded without a reason meanwhile, so closing the modal
 * still counts; submitting it adds the reason and note (the latest mark wins).
 */
export async function handleFeedbackButton(deps: DiscordDeps, interaction: ButtonInteraction): Promise<void> {
  const parsed = parseFeedbackId(interaction.customId)
  if (!parsed || parsed.action === 'why') return
  if (parsed.action === 'down') {
    await interaction.showModal(feedbackModal(parsed.queryId))
    try {
      await record(deps, interaction, parsed.queryId, false)
    } catch (error) {
      // The modal is the response: there is no message left to say it in. Submitting the modal says it.
      deps.logger.info({ err: error, queryId: parsed.queryId }, 'Discord 👎 not recorded')
    }
    return
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral })
  await record(deps, interaction, parsed.queryId, true)
  await interaction.editReply({ content: 'Thanks! Noted that this answer helped.' })
}

/** The "what was wrong?" modal, submitted. */
export async function handleFeedbackModal(deps: DiscordDeps, interaction: ModalSubmitInteraction): Promise<void> {
  const parsed = parseFeedbackId(interaction.customId)
  if (!parsed || parsed.action !== 'why') return
  await interaction.deferReply({ flags: MessageFlags.Ephemeral })
  const { reason, note } = readFeedbackModal(interaction)
  await record(deps, interaction, parsed.queryId, false, reason, note)
  const why = reason ? ` (${reasonLabels[reason].toLowerCase()})` : ''
  await interaction.editReply({ content: `Thanks! Noted that this answer did not help${why}; it will be used to improve the answers.` })
}

async function record(
  deps: DiscordDeps,
  interaction: ButtonInteraction | ModalSubmitInteraction,
  queryId: string,
  helpful: boolean,
  reason: keyof typeof reasonLabels | null = null,
  note: string | null = null,
): Promise<void> {
  // The workspace the click comes from: a question asked in another server (or DM) is not found there.
  const { workspace } = await scopeOfInteraction(interaction)
  try {
    await deps.core.recordFeedback({ queryId, workspace, helpful, by: interaction.user.id, reason, note })
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') {
      throw new AppError('not_found', 'I cannot find that answer here (it was given in another server or conversation)', { cause: error })
    }
    throw error
  }
}
