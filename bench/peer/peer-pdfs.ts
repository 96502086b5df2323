import path from 'node:path'
import { PDFLoader } from '@langchain/community/document_loaders/fs/pdf'
import { isAppError } from '../../src/platform/app-error.ts'
import { createDocumentParser } from '../../src/ingest/parse/index.ts'
import { type PdfFile, readCorpusPdfs } from '../ingest-bench.ts'
import { corpusRoot } from '../paths.ts'

export interface PeerPdf extends PdfFile {
  path: string
  /** Pages as DocuQuery's parser counts them (the PDF's page count). */
  pages: number
}

const PROBE_TIMEOUT_MS = 60_000

/**
 * The corpus PDFs both pipelines can open: DocuQuery's parser (in its worker
 * pool, with its time limit) reads text from it, and LangChain's PDFLoader
 * loads it without an error. Probed once, before any clock runs; the rest are
 * listed with the reason. PDFs pdf-parse cannot finish are caught by
 * DocuQuery's time limit first, so the loader never sees them.
 */
export async function pdfsBothCanOpen(maxBytes: number): Promise<{ pdfs: PeerPdf[]; leftOut: string[] }> {
  const parser = createDocumentParser({ maxBytes: 64 * 1024 * 1024, timeoutMs: PROBE_TIMEOUT_MS, poolSize: 2 })
  const pdfs: PeerPdf[] = []
  const leftOut: string[] = []
  try {
    const files = readCorpusPdfs(maxBytes)
    const parsed = await Promise.all(
      files.map((file) =>
        parser.parse({ bytes: file.bytes, filename: path.basename(file.relative) }).then(
          (doc) => ({ file, pages: doc.pages ?? 0, error: null }),
          (error: unknown) => ({ file, pages: 0, error: isAppError(error) ? error.code : String(error) }),
        ),
      ),
    )
    for (const { file, pages, error } of parsed) {
      const name = path.basename(file.relative)
      if (error) {
        leftOut.push(`${name} (DocuQuery: ${error})`)
        continue
      }
      const full = path.join(corpusRoot, file.relative)
      const loaded = await withTimeout(new PDFLoader(full).load(), PROBE_TIMEOUT_MS).then(
        (docs) => (docs.length > 0 ? null : 'no pages with text'),
        (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 80),
      )
      if (loaded) leftOut.push(`${name} (LangChain: ${loaded})`)
      else pdfs.push({ ...file, path: full, pages })
    }
  } finally {
    await parser.close()
  }
  return { pdfs, leftOut }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
