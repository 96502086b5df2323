import { termId } from '../text/term-hash.ts'
import { tokenize } from '../text/tokenize.ts'

/**
 * The full-text condition that finds BM25 candidates through the GIN index.
 * The tsvector holds surface words (`simple` config) while BM25 works on
 * stems, so each stem becomes a prefix query ("vacat" matches "vacation");
 * terms are OR-ed because a question's words rarely all appear in one passage.
 *
 * Only the question's rarer words select candidates (see `selectiveTerms`):
 * a passage that matches none of them but only "high" or "count" cannot
 * outrank one that matches a rare word by much, and scoring every passage
 * with a common word is what made retrieval slow at scale. This is the one
 * approximation in lexical retrieval; `npm run eval` measures it.
 */
export function lexicalPrefilter(question: string | readonly string[], isSelective: (termId: number) => boolean = () => true): string | null {
  const all = new Set<string>()
  const selective = new Set<string>()
  // A question, or its stems already found (with related words).
  for (const token of typeof question === 'string' ? tokenize(question) : question) {
    const prefix = toQueryTerm(token)
    all.add(prefix)
    if (isSelective(termId(token))) selective.add(prefix)
  }
  const chosen = selective.size > 0 ? selective : all
  if (chosen.size === 0) return null
  return [...chosen].join(' | ')
}

/**
 * A stem becomes a prefix query; short words and numbers match exactly,
 * because `h:*` or `10:*` would select most of the index (measured: p95 of
 * 300 ms at 100k passages on PostgreSQL, from questions containing "H." or "10%").
 */
function toQueryTerm(token: string): string {
  const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`
  if (token.length < 4 || /^\p{N}+$/u.test(token)) return quoted(token)
  // Porter turns "happy" into "happi" and "hoping" into "hope": trim the
  // letter that may not be in the surface word.
  return `${quoted(token.replace(/[ei]$/u, ''))}:*`
}

/**
 * Picks the rarest query words until their passages add up to `budget`, so
 * the work per question stays bounded however large the workspace grows.
 * The rarest word is always kept.
 */
export function selectiveTerms(dfs: ReadonlyMap<number, number>, terms: readonly number[], budget: number): (termId: number) => boolean {
  const byRarity = [...terms].sort((a, b) => (dfs.get(a) ?? 0) - (dfs.get(b) ?? 0))
  const chosen = new Set<number>()
  let covered = 0
  for (const term of byRarity) {
    const df = dfs.get(term) ?? 0
    if (chosen.size > 0 && covered + df > budget) break
    chosen.add(term)
    covered += df
  }
  return (term) => chosen.has(term)
}
