import { termId } from '../lexical/term-hash.ts'
import { tokenize } from '../text/tokenize.ts'

/**
 * The full-text condition that finds BM25 candidates through the GIN index.
 * The tsvector holds surface words (`simple` config) while BM25 works on
 * stems, so each stem becomes a prefix query ("vacat" matches "vacation");
 * terms are OR-ed because a question's words rarely all appear in one passage.
 *
 * Words found in a large share of the workspace ("high", "count") are left
 * out when the question has rarer ones: they would make the candidate set most
 * of the workspace, and a passage that matches only them cannot outrank one
 * that matches a rare word by much. This is the one approximation in lexical
 * retrieval; `npm run eval` measures it.
 */
export function lexicalPrefilter(question: string, isSelective: (termId: number) => boolean = () => true): string | null {
  const all = new Set<string>()
  const selective = new Set<string>()
  for (const token of tokenize(question)) {
    // Porter turns "happy" into "happi" and "hoping" into "hope": trim the
    // letter that may not be in the surface word.
    const prefix = `'${(token.length > 3 ? token.replace(/[ei]$/u, '') : token).replace(/'/g, "''")}':*`
    all.add(prefix)
    if (isSelective(termId(token))) selective.add(prefix)
  }
  const chosen = selective.size > 0 ? selective : all
  if (chosen.size === 0) return null
  return [...chosen].join(' | ')
}
