import type { DocumentView } from '../../src/index.ts'
import type { AutocompleteInteraction, ApplicationCommandOptionChoiceData } from 'discord.js'
import type { DiscordDeps } from './discord-deps.ts'
import { scopeOfInteraction } from './interaction-scope.ts'

/** Discord's limits on autocomplete: 25 choices, names and values of 1–100 characters. */
const MAX_CHOICES = 25
const MAX_NAME = 100
const LIST_LIMIT = 5000

/**
 * Autocomplete for the `document` option of `/docuquery forget` and
 * `/docuquery sources`: the titles of the documents a question from this
 * channel may use (the same scope as an answer), matching what is typed.
 * Discord drops a response later than 3 s, so this does one query and no more.
 */
export async function suggestDocuments(deps: DiscordDeps, interaction: AutocompleteInteraction): Promise<void> {
  const scope = await scopeOfInteraction(interaction)
  const docs = await deps.core.listDocuments({ workspace: scope.workspace, channel: scope.channel, limit: LIST_LIMIT })
  await interaction.respond(documentChoices(docs, String(interaction.options.getFocused())))
}

/**
 * Documents whose title or file name starts with what was typed first, then
 * those that contain it (anywhere, even past the cut of a long name); the
 * value is the document id.
 */
export function documentChoices(docs: readonly DocumentView[], typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const wanted = typed.trim().toLowerCase()
  const named = docs.map((d) => ({ id: d.id, full: fullName(d), names: [d.title.toLowerCase(), d.source.toLowerCase()] }))
  const rank = (names: string[]) => (names.some((n) => n.startsWith(wanted)) ? 0 : 1)
  return named
    .filter((d) => d.names.some((n) => n.includes(wanted)))
    .sort((a, b) => rank(a.names) - rank(b.names) || a.full.localeCompare(b.full, undefined, { numeric: true }))
    .slice(0, MAX_CHOICES)
    .map((d) => ({ name: d.full.length <= MAX_NAME ? d.full : `${d.full.slice(0, MAX_NAME - 1)}…`, value: d.id }))
}

/** `Leave policy — leave.md`: the title, and the file name when it differs. */
function fullName(doc: DocumentView): string {
  return (doc.title === doc.source || !doc.source ? doc.title : `${doc.title} — ${doc.source}`).replace(/\s+/g, ' ').trim() || doc.id
}
