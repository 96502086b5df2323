import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { isAppError } from '../src/platform/app-error.ts'
import { createDocumentParser } from '../src/ingest/parse/index.ts'
import type { Block } from '../src/ingest/parse/parsed-document.ts'
import { corpusRoot } from './paths.ts'
import type { ScifactDoc } from './scifact.ts'

/**
 * One text as both chunkers see it. `blocks` are a parser's output, handed to
 * chunkDocument as production does; when null, our side starts from the raw
 * text too (paragraphBlocks, then chunkDocument), as the text parser does.
 */
export interface SplitterText {
  blocks: Block[] | null
  text: string
}

export interface SplitterTextSet {
  name: string
  description: string
  texts: SplitterText[]
}

const fromBlocks = (blocks: Block[]): SplitterText => ({ blocks, text: blocks.map((b) => b.text).join('\n\n') })

export function scifactTexts(corpus: readonly ScifactDoc[]): SplitterTextSet {
  return {
    name: 'scifact',
    description: `${corpus.length} SciFact abstracts, raw text (ours: paragraphBlocks + chunkDocument, timed together)`,
    texts: corpus.map((doc) => ({ blocks: null, text: doc.text })),
  }
}

/**
 * The big corpus documents, parsed by the real parser (worker threads):
 * PDFs of at least `minPdfBytes` plus the Markdown and plain-text files.
 * Those that do not parse (garbled, mojibake) are left out.
 */
export async function parsedCorpusTexts(minPdfBytes: number): Promise<SplitterTextSet & { skipped: string[] }> {
  const pick = (folder: string, keep: (file: string) => boolean) =>
    readdirSync(path.join(corpusRoot, folder))
      .sort()
      .map((name) => `${folder}/${name}`)
      .filter((file) => keep(path.join(corpusRoot, file)))
  const files = [
    ...pick('pdf', (file) => file.endsWith('.pdf') && statSync(file).size >= minPdfBytes),
    ...pick('text/markdown', () => true),
    ...pick('text/plain', () => true),
  ]
  const parser = createDocumentParser({ maxBytes: 50 * 1024 * 1024, timeoutMs: 30_000, poolSize: 2 })
  const texts: SplitterText[] = []
  const used: string[] = []
  const skipped: string[] = []
  try {
    const parsed = await Promise.all(
      files.map(async (file) => {
        try {
          const doc = await parser.parse({ bytes: new Uint8Array(readFileSync(path.join(corpusRoot, file))), filename: file })
          return { file, blocks: doc.blocks }
        } catch (error) {
          if (!isAppError(error)) throw error
          return { file, blocks: null, code: error.code }
        }
      }),
    )
    for (const result of parsed) {
      if (result.blocks && result.blocks.length > 0) {
        texts.push(fromBlocks(result.blocks))
        used.push(path.basename(result.file))
      } else {
        skipped.push(`${path.basename(result.file)} (${'code' in result ? result.code : 'no text'})`)
      }
    }
  } finally {
    await parser.close()
  }
  return {
    name: 'corpus',
    description: `${texts.length} corpus documents parsed by our parser (untimed; ours chunks its blocks, LangChain their text joined by blank lines): ${used.join(', ')}`,
    texts,
    skipped,
  }
}
