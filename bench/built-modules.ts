import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * DocuQuery as its users run it: the compiled modules in dist/, which
 * `npm start`, `npm run worker` and the `docuquery` bin load. The bench itself
 * runs from the TypeScript sources through tsx; measuring DocuQuery that way
 * too would charge it for a development loader users never run (its worker
 * threads compile their TypeScript on start, and tsx's hooks thread answers
 * every module load): 4.2–4.5 s against 2.9–3.4 s for the same 16 PDFs.
 * The peer comparison loads these, after `npm run bench` has built dist/.
 */
export interface BuiltModules {
  buildRuntime: typeof import('../src/runtime.ts').buildRuntime
  loadConfig: typeof import('../src/platform/config/load-config.ts').loadConfig
  openPostgres: typeof import('../src/store/db/open-postgres.ts').openPostgres
  openPglite: typeof import('../src/store/db/open-pglite.ts').openPglite
  createHybridRetriever: typeof import('../src/retrieve/hybrid-retriever.ts').createHybridRetriever
  createHashingEmbedder: typeof import('../src/models/embed/hashing-embedder.ts').createHashingEmbedder
  createQuestionLexicon: typeof import('../src/retrieve/question/question-lexicon.ts').createQuestionLexicon
}

const distSrc = new URL('../dist/src/', import.meta.url)

export async function loadBuiltModules(): Promise<BuiltModules> {
  const at = (path: string) => new URL(`${path}.js`, distSrc)
  if (!existsSync(at('runtime'))) {
    throw new Error(`the compiled program is missing (${fileURLToPath(distSrc)}): run \`npm run build\`, or the bench through \`npm run bench\`, which builds first`)
  }
  const load = async <T>(path: string): Promise<T> => (await import(at(path).href)) as T
  const [runtime, config, postgres, pglite, retriever, embedder, lexicon] = await Promise.all([
    load<typeof import('../src/runtime.ts')>('runtime'),
    load<typeof import('../src/platform/config/load-config.ts')>('platform/config/load-config'),
    load<typeof import('../src/store/db/open-postgres.ts')>('store/db/open-postgres'),
    load<typeof import('../src/store/db/open-pglite.ts')>('store/db/open-pglite'),
    load<typeof import('../src/retrieve/hybrid-retriever.ts')>('retrieve/hybrid-retriever'),
    load<typeof import('../src/models/embed/hashing-embedder.ts')>('models/embed/hashing-embedder'),
    load<typeof import('../src/retrieve/question/question-lexicon.ts')>('retrieve/question/question-lexicon'),
  ])
  return {
    buildRuntime: runtime.buildRuntime,
    loadConfig: config.loadConfig,
    openPostgres: postgres.openPostgres,
    openPglite: pglite.openPglite,
    createHybridRetriever: retriever.createHybridRetriever,
    createHashingEmbedder: embedder.createHashingEmbedder,
    createQuestionLexicon: lexicon.createQuestionLexicon,
  }
}
