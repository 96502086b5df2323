import { porterStem } from './porter-stemmer.ts'

// Short on purpose: BM25's IDF already discounts common words; this list only
// drops words that carry no meaning in a question.
const stopWords = new Set(
  `a an and are as at be but by for from has have how i if in into is it its
   of on or our so such that the their then there these they this to was we were
   what when where which who why will with would you your do does did can could
   should may might must shall am been being me my us any some`.split(/\s+/),
)

// Stop words that are names when written in capitals: "a US dial-in number" is not "dial us".
const capitalNames = new Set(['US'])

// Scripts written without spaces between words: index overlapping character
// pairs, the usual dictionary-free approach for CJK search.
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Text in a script written without spaces between words (Chinese, Japanese, Korean). */
export function containsCjk(text: string): boolean {
  return cjk.test(text)
}
const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*/gu

// Stemming is most of tokenizing, and a workspace's words repeat: a bounded memo of
// word → stem makes reranking (which re-reads passages sentence by sentence) cheap.
const stemMemo = new Map<string, string>()
const STEM_MEMO_LIMIT = 100_000

function stem(word: string): string {
  const known = stemMemo.get(word)
  if (known !== undefined) return known
  const stemmed = porterStem(word)
  if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear()
  stemMemo.set(word, stemmed)
  return stemmed
}

/**
 * What one written word becomes: its stem, null when it is skipped (a stop word, too long), or
 * CJK_WORD for a word of a script without spaces. Texts repeat their words, so this is
 * remembered per written form, like the stems.
 */
const CJK_WORD = '\u0000cjk'
const wordMemo = new Map<string, string | null>()
const WORD_MEMO_LIMIT = 200_000

function termOf(written: string): string | null {
  const known = wordMemo.get(written)
  if (known !== undefined) return known
  const surface = stripApostrophes(written)
  const word = surface.toLowerCase()
  let term: string | null
  if (word.length === 0) term = null
  else if (cjk.test(word)) term = CJK_WORD
  else if ((stopWords.has(word) && !capitalNames.has(surface)) || word.length > 40) term = null
  else term = stem(word)
  if (wordMemo.size >= WORD_MEMO_LIMIT) wordMemo.clear()
  wordMemo.set(written, term)
  return term
}

/** "Alice's" → "alice", "don't" → "dont". */
function stripApostrophes(word: string): string {
  if (!word.includes("'") && !word.includes('’')) return word
  return word.replace(/['’]s?$/u, '').replace(/['’]/gu, '')
}

/** NFKC, skipped for plain ASCII (most text), which it leaves as it is. */
function normalized(text: string): string {
  return /[^\u0000-\u007f]/.test(text) ? text.normalize('NFKC') : text
}

export function tokenize(text: string): string[] {
  const tokens: string[] = []
  for (const match of normalized(text).matchAll(wordPattern)) {
    const term = termOf(match[0])
    if (term === null) continue
    if (term === CJK_WORD) pushCjk(stripApostrophes(match[0]).toLowerCase(), tokens)
    else tokens.push(term)
  }
  return tokens
}

/** A meaningful word of a text as written, with its stem: what question analysis needs besides the stems. */
export interface WordToken {
  /** The word as written (case kept), without a possessive 's. */
  surface: string
  stem: string
  /** Index of the word among all words of the text, stop words included: adjacency. */
  position: number
  /** Character offset in the NFKC-normalised text. */
  offset: number
}

/** Like `tokenize`, keeping what each stem was written as and where; CJK pairs are left out. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = []
  let position = 0
  for (const match of normalized(text).matchAll(wordPattern)) {
    const at = position++
    const term = termOf(match[0])
    if (term === null || term === CJK_WORD) continue
    tokens.push({ surface: stripApostrophes(match[0]), stem: term, position: at, offset: match.index ?? 0 })
  }
  return tokens
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word.toLowerCase())
}

function pushCjk(word: string, tokens: string[]): void {
  const chars = Array.from(word)
  if (chars.length === 1) {
    tokens.push(word)
    return
  }
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`)
}

/** Term frequencies of a token list. */
export function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1)
  return counts
}
