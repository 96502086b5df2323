import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters'
import { type ChunkOptions, chunkDocument, defaultChunkOptions } from '../src/ingest/chunk-document.ts'
import { paragraphBlocks } from '../src/ingest/parse/text/text-blocks.ts'
import { round2 } from './latency-summary.ts'
import type { Figure } from './report.ts'
import type { SplitterTextSet } from './splitter-texts.ts'

/** LangChain's usual setting, the closest to ours (target 900, max 1400, overlap 150). */
export const langchainSettings = { chunkSize: 1000, chunkOverlap: 150 }

interface SideResult {
  chunks: number
  seconds: number
  averageChars: number
}

/**
 * Our chunkDocument against LangChain.js RecursiveCharacterTextSplitter on the
 * same texts in the same process: a warm-up round each, then rounds taken in
 * turn (so that neither side profits from running second) until there are at
 * least `minRounds` and each side has run for `minSeconds` (small sets are
 * timed over many rounds, so one GC pause does not decide the ratio).
 */
export async function compareSplitters(
  set: SplitterTextSet,
  minRounds: number,
  minSeconds: number,
  options: ChunkOptions = defaultChunkOptions,
): Promise<Figure> {
  const splitter = new RecursiveCharacterTextSplitter(langchainSettings)
  const ours = async (): Promise<SideResult> => {
    let chunks = 0
    let chars = 0
    const start = performance.now()
    for (const text of set.texts) {
      for (const chunk of chunkDocument(text.blocks ?? paragraphBlocks(text.text), options)) {
        chunks++
        chars += chunk.text.length
      }
    }
    return { chunks, seconds: (performance.now() - start) / 1000, averageChars: chars / Math.max(1, chunks) }
  }
  const theirs = async (): Promise<SideResult> => {
    let chunks = 0
    let chars = 0
    const start = performance.now()
    for (const text of set.texts) {
      for (const chunk of await splitter.splitText(text.text)) {
        chunks++
        chars += chunk.length
      }
    }
    return { chunks, seconds: (performance.now() - start) / 1000, averageChars: chars / Math.max(1, chunks) }
  }
  await ours()
  await theirs()
  const oursRuns: SideResult[] = []
  const theirRuns: SideResult[] = []
  const total = (runs: SideResult[]) => runs.reduce((sum, r) => sum + r.seconds, 0)
  while (oursRuns.length < minRounds || total(oursRuns) < minSeconds || total(theirRuns) < minSeconds) {
    oursRuns.push(await ours())
    theirRuns.push(await theirs())
  }
  const rounds = oursRuns.length
  const inputChars = set.texts.reduce((sum, t) => sum + t.text.length, 0)
  const first = (runs: SideResult[]) => runs[0] ?? { chunks: 0, seconds: 0, averageChars: 0 }
  const oursPerS = (first(oursRuns).chunks * rounds) / total(oursRuns)
  const theirsPerS = (first(theirRuns).chunks * rounds) / total(theirRuns)
  const oursMbPerS = (inputChars * rounds) / total(oursRuns) / 1e6
  const theirsMbPerS = (inputChars * rounds) / total(theirRuns) / 1e6
  return {
    figure: 'splitter',
    texts: set.name,
    docs: set.texts.length,
    input_chars: inputChars,
    rounds,
    ours_chunks: first(oursRuns).chunks,
    ours_avg_chars: Math.round(first(oursRuns).averageChars),
    ours_chunks_per_s: Math.round(oursPerS),
    ours_mchars_per_s: round2(oursMbPerS),
    langchain_chunks: first(theirRuns).chunks,
    langchain_avg_chars: Math.round(first(theirRuns).averageChars),
    langchain_chunks_per_s: Math.round(theirsPerS),
    langchain_mchars_per_s: round2(theirsMbPerS),
    chunks_per_s_ratio: round2(oursPerS / theirsPerS),
    chars_per_s_ratio: round2(oursMbPerS / theirsMbPerS),
  }
}
