import { combineLexicons, createColloquialLexicon } from './colloquial-lexicon.ts'
import { type Lexicon, createWordnetLexicon } from './wordnet-lexicon.ts'

/** Where a question's related words come from: the office's chat words first, then WordNet. */
export function createQuestionLexicon(): Lexicon {
  return combineLexicons(createColloquialLexicon(), createWordnetLexicon())
}
