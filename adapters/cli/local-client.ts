import type { Runtime } from '../../src/index.ts'
import { parseSince } from '../shared/parse-since.ts'
import type { DocuQueryClient } from './docuquery-client.ts'

/** Every listed document: the CLI shows the whole database, not one page of it. */
const LIST_LIMIT = 10_000

export function createLocalClient(runtime: Runtime, release: () => void): DocuQueryClient {
  const { core } = runtime
  return {
    mode: 'local',
    ingest: (file, scope) =>
      core.ingest({
        workspace: scope.workspace,
        visibleIn: scope.channel,
        bytes: file.bytes,
        filename: file.label,
        source: 'cli',
        sourceRef: file.path,
        sourceLabel: file.label,
      }),
    waitForDocuments: (ids, options) => core.waitForDocuments(ids, options),
    document: async (id) => ({ document: await core.getDocument(id), parts: await core.listDocuments({ parentId: id }) }),
    documents: (filter) => core.listDocuments({ ...filter, limit: LIST_LIMIT }),
    ask: (question, scope) => core.ask({ question, workspace: scope.workspace, channel: scope.channel }),
    stats: () => core.stats(),
    reindex: (documentId) => core.reindex(documentId),
    job: (id) => core.job(id),
    forget: (id) => core.forget(id),
    feedback: (filter) => core.feedback({ since: parseSince(filter.since), ...(filter.workspace ? { workspace: filter.workspace } : {}) }),
    async close() {
      await runtime.close()
      release()
    },
  }
}
