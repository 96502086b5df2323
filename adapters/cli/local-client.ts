import type { Runtime } from '../../src/runtime.ts'
import type { DocuQueryClient } from './docuquery-client.ts'

export function createLocalClient(runtime: Runtime, release: () => void): DocuQueryClient {
  const { core } = runtime
  return {
    mode: 'local',
    ingest: (file, scope) =>
      core.ingest({
        workspace: scope.workspace,
        visibleIn: scope.channel,
        bytes: file.bytes,
        filename: file.path,
        source: 'cli',
        sourceRef: file.path,
      }),
    waitForDocuments: (ids, options) => core.waitForDocuments(ids, options),
    ask: (question, scope) => core.ask({ question, workspace: scope.workspace, channel: scope.channel }),
    stats: () => core.stats(),
    reindex: (documentId) => core.reindex(documentId),
    job: (id) => core.job(id),
    forget: (id) => core.forget(id),
    async close() {
      await runtime.close()
      release()
    },
  }
}
