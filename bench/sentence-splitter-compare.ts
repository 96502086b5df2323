/**
 * `node --import tsx bench/sentence-splitter-compare.ts`: our sentence
 * splitter (src/text/split-sentences.ts) against the built-in
 * Intl.Segmenter (sentence granularity) on every paragraph the project's
 * parsers extract from ../shared/corpus (e-mail parts included): speed, and
 * splits after something that does not end a sentence there. Run to decide
 * whether Intl.Segmenter could replace ours (issue 12); it could not:
 * it splits after "e.g.", "No. 5", "Mr.", at every line break, and on
 * Node 20 every segment it yields carries a fresh copy of the whole input,
 * so it is quadratic and a 1.1 MB paragraph of the corpus runs out of heap.
 */
import { splitSentences } from '../src/text/split-sentences.ts'
import { createDocumentParser } from '../src/ingest/parse/index.ts'
import type { ParseInput } from '../src/ingest/parse/index.ts'
import { listCorpusFiles, readCorpusFile } from '../tests/helpers/corpus.ts'

type Split = (text: string) => string[]

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })
const intl: Split = (text) => [...segmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean)
// Intl breaks at every line break (UAX #29 rule SB4); this variant sees lines joined, as the extractive answerer does.
const intlJoined: Split = (text) => intl(text.replace(/\s*\n+\s*/g, ' '))
const splitters: Record<string, Split> = { ours: splitSentences, intl, intlJoined }

/** A split is bad when the sentence before it ends in something that does not end a sentence there. */
const badSplitRules: Array<[name: string, before: RegExp, after?: RegExp, noSpace?: boolean]> = [
  ['e.g./i.e.', /\b(?:e\.g|i\.e)\.["')\]]*$/i],
  ['No. <number>', /\bNo\.$/, /^\d/],
  ['Mr./Mrs./Ms./Dr./Prof./St. <Name>', /\b(?:Dr|Mr|Mrs|Ms|Prof|St)\.$/],
  ['p./pp./vol./vs./cf./Jr./etc. + digit or lower case', /\b(?:vs|cf|al|fig|approx|vol|sec|inc|ltd|jr|sr|etc|pp|p)\.$/i, /^[\p{Ll}\p{N}(]/u],
  ['U.S./U.K./U.N. + capital (often mid-sentence)', /\b(?:U\.S|U\.K|U\.N)\.$/],
  ['inside a decimal (2.5)', /\d\.$/, /^\d/, true],
  ['"?"/"!" inside a quote, then lower case', /[?!]["'”’)]*$/u, /^\p{Ll}/u],
  ['line break mid-sentence', /[^.!?:;"'”’)\]]$/u, /^\p{Ll}/u],
]

async function corpusParagraphs(): Promise<string[]> {
  const parser = createDocumentParser({ maxBytes: 50 * 1024 * 1024, timeoutMs: 30_000, poolSize: 2 })
  const texts: string[] = []
  const collect = async (input: ParseInput, depth: number): Promise<void> => {
    const document = await parser.parse(input).catch(() => null)
    if (!document) return
    for (const block of document.blocks) if (block.type === 'paragraph' && block.text.trim()) texts.push(block.text)
    if (depth < 3) for (const part of document.parts) await collect({ bytes: part.bytes, filename: part.filename, mimeType: part.mimeType }, depth + 1)
  }
  try {
    for (const file of await listCorpusFiles(['pdf', 'docx', 'email', 'text'])) await collect({ bytes: await readCorpusFile(file), filename: file.split('/').at(-1) ?? file }, 0)
  } finally {
    await parser.close()
  }
  return texts
}

function msPerPass(split: Split, texts: readonly string[], passes: number): number {
  for (const text of texts) split(text)
  const started = performance.now()
  for (let pass = 0; pass < passes; pass++) for (const text of texts) split(text)
  return Math.round(((performance.now() - started) / passes) * 10) / 10
}

function badSplits(split: Split, texts: readonly string[]) {
  const counts: Record<string, number> = Object.fromEntries(badSplitRules.map(([name]) => [name, 0]))
  let sentences = 0
  for (const text of texts) {
    const parts = split(text)
    sentences += parts.length
    for (let i = 0; i + 1 < parts.length; i++) {
      const [before = '', next = ''] = [parts[i], parts[i + 1]]
      const rule = badSplitRules.find(
        ([, end, start, noSpace]) => end.test(before) && (!start || start.test(next)) && (!noSpace || text.includes(`${before.slice(-12)}${next.slice(0, 12)}`)),
      )
      if (rule) counts[rule[0]] = (counts[rule[0]] ?? 0) + 1
    }
  }
  return { sentences, badSplits: counts }
}

const all = await corpusParagraphs()
// Intl.Segmenter cannot take the longest paragraph at all (see above): it is timed on a slice of it, apart.
const huge = all.filter((text) => text.length > 100_000)
const texts = all.filter((text) => text.length <= 100_000)
const chars = texts.reduce((sum, text) => sum + text.length, 0)
console.log(JSON.stringify({ paragraphs: texts.length, chars, leftOut: huge.map((t) => t.length) }))
for (const text of huge) {
  const slice = text.slice(0, 200_000)
  console.log(JSON.stringify({ figure: 'long paragraph, first 200k chars', oursMs: msPerPass(splitSentences, [slice], 3), intlMs: msPerPass(intl, [slice], 1) }))
}
for (const [name, split] of Object.entries(splitters)) {
  console.log(JSON.stringify({ splitter: name, msPerPass: msPerPass(split, texts, 5), ...badSplits(split, texts) }))
}
