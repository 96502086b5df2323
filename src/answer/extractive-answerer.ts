import { splitSentences } from '../chunk/split-sentences.ts'
import type { Citation } from './answer-result.ts'
import type { GatedChunk } from './relevance-gate.ts'
import { termCoverage } from './term-coverage.ts'

export interface ExtractiveAnswer {
  answer: string
  citations: Citation[]
  citedChunkIds: number[]
}

export interface ExtractiveOptions {
  maxSentences: number
  maxSources: number
}

const defaults: ExtractiveOptions = { maxSentences: 3, maxSources: 3 }

/**
 * The embedded answerer: quotes the sentences of the retrieved passages that
 * best cover the question, each followed by the number of its source. It never
 * writes a word that is not in the documents.
 */
export function answerExtractively(
  passages: readonly GatedChunk[],
  termWeights: ReadonlyMap<number, number>,
  options: ExtractiveOptions = defaults,
): ExtractiveAnswer {
  const candidates = passages.flatMap((passage, rank) =>
    splitSentences(passage.text.replace(/\s*\n+\s*/g, ' ')).map((sentence, position) => ({
      passage,
      sentence,
      position,
      // Earlier passages ranked higher; a small tie-breaker, not a rule.
      score: termCoverage(sentence, termWeights) - rank * 0.01,
    })),
  )
  const best = Math.max(0, ...candidates.map((c) => c.score))
  const chosen = candidates
    .filter((c) => c.score > 0 && c.score >= best * 0.5 && c.sentence.length >= 12)
    .sort((a, b) => b.score - a.score)
  const picked: typeof chosen = []
  const sources: GatedChunk[] = []
  for (const candidate of chosen) {
    if (picked.length >= options.maxSentences) break
    const known = sources.includes(candidate.passage)
    if (!known && sources.length >= options.maxSources) continue
    if (!known) sources.push(candidate.passage)
    picked.push(candidate)
  }
  // Quote in reading order within each source so sentences keep their sense.
  picked.sort((a, b) => sources.indexOf(a.passage) - sources.indexOf(b.passage) || a.position - b.position)
  const lines = picked.map((p) => `> ${truncate(p.sentence, 600)} [${sources.indexOf(p.passage) + 1}]`)
  return {
    answer: lines.join('\n'),
    citations: sources.map((source) => toCitation(source, picked.filter((p) => p.passage === source).map((p) => p.sentence))),
    citedChunkIds: sources.map((s) => s.chunkId),
  }
}

export function toCitation(chunk: GatedChunk, sentences: readonly string[] = []): Citation {
  const snippet = sentences.length > 0 ? sentences.join(' ') : chunk.text
  return {
    documentId: chunk.documentId,
    title: chunk.title,
    source: chunk.source,
    page: chunk.page,
    score: chunk.relevance,
    snippet: truncate(snippet.replace(/\s+/g, ' ').trim(), 300),
    link: chunk.link,
  }
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)
