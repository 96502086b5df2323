import { tokenize } from '../text/tokenize.ts'

/**
 * The full-text condition that finds BM25 candidates through the GIN index.
 * The tsvector holds surface words (`simple` config) while BM25 works on
 * stems, so each stem becomes a prefix query ("vacat" matches "vacation");
 * terms are OR-ed because a question's words rarely all appear in one passage.
 * Any chunk with a BM25 score above zero matches, so the ranking stays exact.
 */
export function lexicalPrefilter(question: string): string | null {
  const prefixes = new Set<string>()
  for (const token of tokenize(question)) {
    // Porter turns "happy" into "happi" and "hoping" into "hope": trim the
    // letter that may not be in the surface word.
    const prefix = token.length > 3 ? token.replace(/[ei]$/u, '') : token
    prefixes.add(prefix.replace(/'/g, "''"))
  }
  if (prefixes.size === 0) return null
  return [...prefixes].map((p) => `'${p}':*`).join(' | ')
}
