import { AppError, isAppError } from '../../src/index.ts'
import type { DocuQueryClient } from './docuquery-client.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `forget` and `reindex --document` take an id, or a document's exact title or
 * source as `docuquery documents` shows them. Several matches are not guessed
 * between: the user is shown them and asked to pick one by id.
 */
export async function resolveDocument(client: DocuQueryClient, reference: string): Promise<string> {
  const wanted = reference.trim()
  if (UUID.test(wanted)) {
    try {
      return (await client.document(wanted)).document.id
    } catch (error) {
      if (!isAppError(error) || error.code !== 'not_found') throw error
    }
  }
  const matches = (await client.documents({})).filter((doc) => doc.id === wanted || doc.title === wanted || doc.source === wanted)
  if (matches.length === 1 && matches[0]) return matches[0].id
  if (matches.length === 0) {
    throw new AppError('not_found', `no document has the id, title or source “${wanted}”; \`docuquery documents\` lists them`)
  }
  const choices = matches.map((doc) => `  ${doc.id}  ${doc.source}${doc.title !== doc.source ? ` (${doc.title})` : ''} · ${doc.workspace} · ${doc.status}`)
  throw new AppError('conflict', [`${matches.length} documents match “${wanted}”; say which one by its id:`, ...choices].join('\n'), {
    context: { ambiguous: true, ids: matches.map((doc) => doc.id) },
  })
}
