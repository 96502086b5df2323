import { quotedTypes } from '../retrieve/question/answer-type.ts'
import { type ScoredSentence, type WeightedQuestion, listItemNumber } from '../retrieve/passage-evidence.ts'
import type { Citation } from './answer-result.ts'
import type { GatedChunk } from './relevance-gate.ts'

export interface ExtractiveAnswer {
  answer: string
  citations: Citation[]
  citedChunkIds: number[]
}

export interface ExtractiveOptions {
  maxSentences: number
  maxSources: number
}

const defaults: ExtractiveOptions = { maxSentences: 2, maxSources: 3 }
const SNIPPET_CHARS = 300

/**
 * The embedded answerer: quotes the one or two sentences of the retrieved
 * passages that answer the question (the most of its words, something of the
 * kind of answer it expects, readable on their own: no header lines, encoding
 * tables or table scaffolding first), each followed by the number of its
 * source. It never writes a word that is not in the documents.
 */
export function answerExtractively(
  passages: readonly GatedChunk[],
  question: WeightedQuestion,
  options: ExtractiveOptions = defaults,
): ExtractiveAnswer {
  const typed = quotedTypes.has(question.analysis.answerType)
  const topScore = Math.max(Number.EPSILON, ...passages.map((p) => p.score))
  const candidates = passages.flatMap((passage) =>
    passage.evidence.sentences.map((sentence) => ({
      passage,
      sentence,
      // A sentence of a passage ranked lower needs to answer better to be quoted first.
      score: sentenceScore(sentence, typed) * (0.5 + (0.5 * passage.score) / topScore),
    })),
  )
  // The reranker already weighed every passage as a whole: the answer opens with the best
  // sentence of the best passage, and other sentences join it only when they answer nearly as well.
  // "The second step": the item numbered so in the first of the top passages that has one answers it.
  const ordinal = question.analysis.ordinal
  const item =
    ordinal === null
      ? undefined
      : candidates.find((c) => passages.slice(0, 3).includes(c.passage) && c.sentence.coverage > 0 && listItemNumber(c.sentence.text) === ordinal)
  const lead = item ?? candidates.filter((c) => c.passage === passages[0] && c.sentence.text.length >= 12).sort((a, b) => b.score - a.score)[0]
  const best = lead?.score ?? 0
  const chosen = candidates
    .filter((c) => c !== lead && c.score > 0 && c.score >= best * (c.passage === lead?.passage ? 0.6 : 0.8) && c.sentence.text.length >= 12)
    .sort((a, b) => b.score - a.score)
  if (lead && lead.score > 0) {
    chosen.unshift(lead)
    // "…with the following verbatim text:" announces the answer: what follows the colon joins it first.
    const announced = /:\s*$/.test(lead.sentence.text) ? candidates.find((c) => c.passage === lead.passage && c.sentence.position === lead.sentence.position + 1) : undefined
    // The sentence naming what is asked often leaves the figure or the cause to the next one:
    // "In 1930, 10,047 books were published. In 2000, 174 of those books were still in print."
    const completes =
      announced ??
      (typed && !lead.sentence.typed
        ? candidates.find((c) => c.passage === lead.passage && c.sentence.position === lead.sentence.position + 1 && c.sentence.typed && c.score > 0)
        : undefined)
    if (completes) {
      const at = chosen.indexOf(completes)
      if (at >= 0) chosen.splice(at, 1)
      chosen.splice(1, 0, completes)
    }
  }
  const picked: typeof chosen = []
  const sources: GatedChunk[] = []
  const quoted = new Set<string>()
  for (const candidate of chosen) {
    if (picked.length >= options.maxSentences) break
    // Neighbouring passages overlap: the same sentence is quoted once. A header or table line
    // may lead when nothing else answers, but never joins an answer as its second sentence.
    const text = candidate.sentence.text.replace(/\s+/g, ' ').trim()
    if (quoted.has(text) || (picked.length > 0 && !candidate.sentence.quotable)) continue
    quoted.add(text)
    const known = sources.includes(candidate.passage)
    if (!known && sources.length >= options.maxSources) continue
    if (!known) sources.push(candidate.passage)
    picked.push(candidate)
  }
  // The answering sentence comes first; what joins it follows in reading order within each source.
  const [first, ...rest] = picked
  rest.sort((a, b) => sources.indexOf(a.passage) - sources.indexOf(b.passage) || a.sentence.position - b.sentence.position)
  picked.splice(0, picked.length, ...(first ? [first] : []), ...rest)
  const lines = picked.map((p) => `> ${truncate(p.sentence.text, 600)} [${sources.indexOf(p.passage) + 1}]`)
  return {
    answer: lines.join('\n'),
    citations: sources.map((source) => toCitation(source, picked.filter((p) => p.passage === source).map((p) => p.sentence))),
    citedChunkIds: sources.map((s) => s.chunkId),
  }
}

/**
 * Coverage of the question, halved for text that does not read as a sentence,
 * with a bonus for the expected kind of answer and for being about the same
 * party as the question (the consultant's notice, not the commission's).
 */
function sentenceScore(sentence: ScoredSentence, typed: boolean): number {
  if (sentence.coverage <= 0) return 0
  return sentence.askedCoverage * (sentence.quotable ? 1 : 0.5) + (typed && sentence.typed ? 0.15 : 0) + (sentence.sameSubject ? 0.05 : 0)
}

/**
 * A citation whose snippet is centred on the sentences that answer (or, for a
 * passage shown as merely close, on its best sentence), so the fact is not
 * cut off at the snippet's end.
 */
export function toCitation(chunk: GatedChunk, sentences: readonly ScoredSentence[] = []): Citation {
  const all = chunk.evidence.sentences
  const focus = sentences.length > 0 ? sentences : bestSentence(all)
  return {
    documentId: chunk.documentId,
    title: chunk.title,
    source: chunk.source,
    page: chunk.page,
    score: chunk.relevance,
    snippet: focus.length > 0 ? snippetAround(all, focus) : truncate(chunk.text.replace(/\s+/g, ' ').trim(), SNIPPET_CHARS),
    link: chunk.link,
    sharedBy: chunk.shared.by,
    sharedIn: chunk.shared.in,
    sharedAt: chunk.shared.at,
  }
}

function bestSentence(sentences: readonly ScoredSentence[]): ScoredSentence[] {
  const top = [...sentences].sort((a, b) => sentenceScore(b, false) - sentenceScore(a, false))[0]
  return top && top.coverage > 0 ? [top] : []
}

/** The focus sentences, then neighbours before and after while they fit. */
function snippetAround(all: readonly ScoredSentence[], focus: readonly ScoredSentence[]): string {
  const clean = (s: ScoredSentence) => s.text.replace(/\s+/g, ' ').trim()
  const core = focus.map(clean).join(' … ')
  if (core.length >= SNIPPET_CHARS) return truncate(core, SNIPPET_CHARS)
  let text = core
  const first = Math.min(...focus.map((s) => s.position))
  const last = Math.max(...focus.map((s) => s.position))
  let before = first - 1
  let after = last + 1
  while (before >= 0 || after < all.length) {
    const next = all[after]
    if (next && text.length + next.text.length + 1 <= SNIPPET_CHARS) {
      text = `${text} ${clean(next)}`
      after++
    } else after = all.length
    const previous = all[before]
    if (previous && text.length + previous.text.length + 1 <= SNIPPET_CHARS) {
      text = `${clean(previous)} ${text}`
      before--
    } else before = -1
  }
  return text
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)
