import { PDFLoader } from '@langchain/community/document_loaders/fs/pdf'
import { PGVectorStore } from '@langchain/community/vectorstores/pgvector'
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters'
import { HashingEmbeddings } from './hashing-embeddings.ts'

/** The settings the LangChain.js documentation uses, as people copy them. */
export const langchainSplitter = () => new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 })

export interface LangchainStore {
  store: PGVectorStore
  embeddings: HashingEmbeddings
  close(): Promise<void>
}

/**
 * A PGVectorStore in its own table with an HNSW cosine index created before
 * anything is added, as a live system would have it (DocuQuery's index also
 * exists before the first document).
 */
export async function openLangchainStore(url: string): Promise<LangchainStore> {
  const embeddings = new HashingEmbeddings()
  const store = await PGVectorStore.initialize(embeddings, {
    postgresConnectionOptions: { connectionString: url },
    tableName: 'langchain_chunks',
    dimensions: embeddings.dimensions,
    distanceStrategy: 'cosine',
  })
  await store.createHnswIndex({ dimensions: embeddings.dimensions })
  let closed = false
  // pool.end() resolves before the server has seen every connection go; dropping
  // the database then terminates what is left, and pg reports it on the pool.
  store.pool.on('error', (error) => {
    if (!closed) throw error
  })
  return {
    store,
    embeddings,
    async close() {
      closed = true
      await store.end()
    },
  }
}

export interface LangchainStageTimes {
  loadMs: number
  splitMs: number
  /** addDocuments: embedding (counted apart in HashingEmbeddings.embedMs) and the INSERTs. */
  storeMs: number
  chunks: number
}

/** One PDF through the pipeline a TypeScript developer would write: load → split → addDocuments. */
export async function ingestPdfWithLangchain(
  target: LangchainStore,
  file: string,
  splitter: RecursiveCharacterTextSplitter,
  times: LangchainStageTimes,
): Promise<void> {
  const t0 = performance.now()
  const pages = await new PDFLoader(file).load()
  const t1 = performance.now()
  const chunks = await splitter.splitDocuments(pages)
  const t2 = performance.now()
  if (chunks.length > 0) await target.store.addDocuments(chunks)
  const t3 = performance.now()
  times.loadMs += t1 - t0
  times.splitMs += t2 - t1
  times.storeMs += t3 - t2
  times.chunks += chunks.length
}
