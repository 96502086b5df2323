import { type AnalyzedQuestion, namesSomething, relationFactor } from './question/analyze-question.ts'
import { mentionsNewEntity, mentionsNewValue, numberWords } from './question/answer-type.ts'
import { termId } from '../text/term-hash.ts'
import { tokenize } from '../text/tokenize.ts'
import { type PassageReadings, type ReadingUnit, createPassageReadings, openers, quotable } from './passage-reading.ts'

export { listItemNumber } from './passage-reading.ts'

/**
 * The question's words with their weights (IDF), and for each related word
 * which question words it stands in for and at what share of their weight.
 */
export interface WeightedQuestion {
  analysis: AnalyzedQuestion
  /** Question term id → weight. */
  weights: ReadonlyMap<number, number>
  /** Related word id → [question term id, share of its weight][]. */
  related: ReadonlyMap<number, ReadonlyArray<readonly [number, number]>>
  /** Question words no passage in the scope contains: colleagues' words the documents never use, or what they do not cover. */
  absent?: ReadonlySet<number>
}

/** What a passage offers as an answer, measured without a model. */
export interface PassageEvidence {
  /** Share of the question's weight found in the passage (related words in part), its document's title, source, headings and opening counting as context. */
  coverage: number
  /**
   * Coverage of what the question asks, as opposed to which document it names:
   * the weight of non-name words not already found in the title or headings.
   * 1 when the question has no such words.
   */
  focusCoverage: number
  /** Share of the names and numbers of the question found in the passage or its document's title, source and opening. */
  anchorCoverage: number
  /**
   * A sentence holding the expected kind of answer states its number with what the question
   * counts ("how many weeks" → "two weeks", "how old" → "aged 47"); true when it counts nothing.
   */
  countedNearNumber: boolean
  /** The question's names (term ids) found in the passage or its document's title, source and opening. */
  anchorsFound: ReadonlySet<number>
  /** Every year the question names appears in the passage or its document's title, source and opening. */
  yearsFound: boolean
  /**
   * The question's most specific word (the heaviest of what it asks), or a
   * word related to it, is in the passage or its title and headings. "How many
   * hours of annual leave accrue…" is not answered by a contract's "three (3)
   * years" just because both have a number. True when the question names
   * someone or something (the names then say what it is about).
   */
  specificFound: boolean
  /**
   * One of the words that say which kind of generic thing is asked ("squad"
   * number) is in a sentence with a value, and those of them that are names
   * ("US" dial-in number) are in the passage or its document; true when there are none.
   */
  specifierFound: boolean
  /** The passage is on a page the question names, or among a document's first passages when the question points at its start ("the intro"). */
  onNamedPage: boolean
  /** The question names the passage's file ("the notes.txt attachment", "sample-contract.pdf"), or quotes its title or its message's ("the 'testing' mail"). */
  inNamedFile: boolean
  /** The passage is in a document of the kind the question says it means ("the Word file", "that mail" and what came with it). */
  ofNamedKind: boolean
  /** Coverage of the passage's best sentence. */
  sentenceCoverage: number
  /** A sentence well covering the question also holds something of the expected answer type. */
  typeMatch: boolean
  /**
   * Coverage of what is asked (as in focusCoverage) by the best sentence that
   * holds the expected kind of answer, with half credit from its neighbours:
   * "€3,200" answers how much Lorna and Paul paid in mortgage interest only if
   * its sentence says something of mortgages or interest, not because the
   * couple's name heads the table.
   */
  typedFocus: number
  /** A sentence holding the expected kind of answer holds one of the asked words itself, not only beside it. */
  typedWithAskedWord: boolean
  /** Sentences of the passage in order, each with its coverage and whether it holds the answer type. */
  sentences: ScoredSentence[]
}

export interface ScoredSentence {
  text: string
  stems: ReadonlySet<number>
  /** Credit each question word gets from the sentence's own words (see matchCredits). */
  credits: ReadonlyMap<number, number>
  position: number
  coverage: number
  typed: boolean
  /**
   * Coverage with the words that say which document is meant (found in its
   * title, source, headings or opening) counting for little: every sentence
   * of a document about Iwan Roberts is "about Roberts"; the one to quote is
   * the one holding what is asked. Chooses the sentences to quote.
   */
  askedCoverage: number
  /** Reads as an answer on its own (judged only for sentences that cover a question word). */
  quotable: boolean
  /**
   * The question's subject (its first word that is neither chat nor a kind of
   * answer) opens the sentence too: "*CONSULTANT* may terminate…" answers a
   * question about the consultant, "COMMISSION may terminate… to CONSULTANT"
   * does not.
   */
  sameSubject: boolean
}

export interface PassageText {
  /** Its chunk id: what is read of its text is kept under it across questions. */
  chunkId?: number
  text: string
  /** Its place in its document, from 0, when known. */
  ordinal?: number
  title: string
  /** The title of the message an attachment came with. */
  parentTitle?: string | null
  source: string
  headingPath: string | null
  /** The start of the document. */
  opening: string
  page: number | null
}

/** "The intro" of a document: its first few passages. */
const START_PASSAGES = 3

/** Share of a word's weight earned when it is found in the document's title, source or headings rather than the passage. */
const CONTEXT_CREDIT = 0.7
/** ...and in the document's opening passage. */
const OPENING_CREDIT = 0.5

/** Credit each question term gets from a set of stems: 1 for the word, a share for a related word. */
function matchCredits(stems: ReadonlySet<number>, question: WeightedQuestion): Map<number, number> {
  const credits = new Map<number, number>()
  for (const id of question.weights.keys()) if (stems.has(id)) credits.set(id, 1)
  const credit = (targets: ReadonlyArray<readonly [number, number]>) => {
    for (const [origin, share] of targets) if ((credits.get(origin) ?? 0) < share) credits.set(origin, share)
  }
  // Whichever is smaller is walked: a sentence's few words, or a question's many related ones.
  if (stems.size < question.related.size) {
    for (const id of stems) {
      const targets = question.related.get(id)
      if (targets) credit(targets)
    }
  } else {
    for (const [relatedId, targets] of question.related) if (stems.has(relatedId)) credit(targets)
  }
  return credits
}

function weighted(credits: ReadonlyMap<number, number>, weights: ReadonlyMap<number, number>, only?: (id: number) => boolean): number {
  let total = 0
  let matched = 0
  for (const [id, weight] of weights) {
    if (only && !only(id)) continue
    total += weight
    matched += weight * (credits.get(id) ?? 0)
  }
  return total > 0 ? matched / total : 1
}

/**
 * `readings`: what is read of passages and of the texts candidates share (a document's
 * opening, title and source), kept across candidates and questions.
 */
export function passageEvidence(passage: PassageText, question: WeightedQuestion, readings: PassageReadings = createPassageReadings()): PassageEvidence {
  const stemsOf = (text: string) => readings.stems(text)
  const labelText = `${passage.title}\n${passage.source.replace(/[-_./›]+/g, ' ')}\n${passage.headingPath ?? ''}`
  const labelStems = stemsOf(labelText)
  const reading = readings.read(passage.chunkId, passage.text)
  // A short document's first passage is all of its opening: one reading serves both.
  const openingStems = passage.opening === passage.text ? reading.stems : stemsOf(passage.opening)
  const contextCredits = matchCredits(labelStems, question)
  const openingCredits = matchCredits(openingStems, question)
  const sentences = scoreSentences(reading.units, passage.headingPath, question, askedWeights(question.weights, contextCredits, openingCredits), stemsOf)
  // The passage's words are its sentences' words.
  const textStems = reading.stems
  const textCredits = matchCredits(textStems, question)
  const combined = new Map(textCredits)
  for (const [id, credit] of contextCredits) combined.set(id, Math.max(combined.get(id) ?? 0, credit * CONTEXT_CREDIT))
  for (const [id, credit] of openingCredits) combined.set(id, Math.max(combined.get(id) ?? 0, credit * OPENING_CREDIT))
  const { analysis } = question
  const anchors = new Set(analysis.terms.filter((t) => t.anchor).map((t) => t.id))
  // Words naming the kind of answer ("date") or chat around it ("say", "the body") are not what is asked.
  const kindWords = new Set(analysis.terms.filter((t) => t.answerKind || t.factor < 1).map((t) => t.id))
  // What is asked, rather than which document: not a name, not in the title; a word only the
  // document's opening has says which document is meant.
  const isFocus = (id: number) =>
    !anchors.has(id) && !kindWords.has(id) && !contextCredits.has(id) && (textCredits.has(id) || !openingCredits.has(id))
  const anywhere = (id: number) => textStems.has(id) || labelStems.has(id) || openingStems.has(id)
  const anchorFound = new Map([...anchors].filter(anywhere).map((id) => [id, 1]))
  const best = Math.max(0, ...sentences.map((s) => s.coverage))
  const type = analysis.answerType
  const documentText = `${labelText}\n${passage.opening}\n${passage.text}`
  // Here a word of the document's opening is still asked for: the opening introduces the document, it does not answer.
  const askedFor = (id: number) => !anchors.has(id) && !kindWords.has(id) && !contextCredits.has(id)
  return {
    coverage: weighted(combined, question.weights),
    focusCoverage: weighted(textCredits, question.weights, isFocus),
    anchorCoverage: anchorCoverageOf(anchorFound.keys(), question),
    anchorsFound: new Set(anchorFound.keys()),
    specificFound:
      namesSomething(analysis) ||
      mostSpecific(question).some((id) => Math.max(textCredits.get(id) ?? 0, contextCredits.get(id) ?? 0) > 0),
    countedNearNumber: countedNearNumberIn(sentences, analysis),
    yearsFound: analysis.years.every((year) => documentText.includes(year)),
    // "what squad number": a sentence must hold both the kind ("squad") and a number; and a "US dial-in
    // number" is not in a document that never names the US.
    specifierFound:
      analysis.specifiers.length === 0 ||
      (sentences.some((s) => s.typed && analysis.specifiers.some((id) => s.stems.has(id))) &&
        analysis.specifiers.filter((id) => anchors.has(id)).every(anywhere)),
    onNamedPage:
      (passage.page !== null && analysis.pages.includes(passage.page)) ||
      (analysis.atStart && passage.ordinal !== undefined && passage.ordinal < START_PASSAGES),
    inNamedFile: namesFile(analysis.lowered, passage.source) || quotesTitle(analysis.quoted, passage),
    ofNamedKind: ofKind(analysis.documentKinds, passage.source),
    typedFocus: typedFocusOf(sentences, question, askedFor),
    typedWithAskedWord: typedWithAskedWordOf(sentences, askedFor),
    sentenceCoverage: best,
    typeMatch: sentences.some((s) => s.typed && s.coverage >= best * 0.5 && s.coverage > 0),
    sentences,
  }
}

/** A sentence holding the expected kind of answer also holds an asked word itself or another form of it ("paid £850,000" for "pay"). */
function typedWithAskedWordOf(sentences: readonly ScoredSentence[], isFocus: (id: number) => boolean): boolean {
  return sentences.some((sentence) => {
    if (!sentence.typed) return false
    for (const [id, credit] of sentence.credits) if (credit >= relationFactor.inflection && isFocus(id)) return true
    return false
  })
}

function typedFocusOf(sentences: readonly ScoredSentence[], question: WeightedQuestion, isFocus: (id: number) => boolean): number {
  let best = 0
  for (const sentence of sentences) {
    if (!sentence.typed) continue
    const windowed = new Map(sentence.credits)
    for (const neighbour of [sentences[sentence.position - 1], sentences[sentence.position + 1]]) {
      for (const [id, credit] of neighbour?.credits ?? []) windowed.set(id, Math.max(windowed.get(id) ?? 0, credit * NEIGHBOUR_CREDIT))
    }
    best = Math.max(best, weighted(windowed, question.weights, isFocus))
  }
  return best
}

/** The question contains the file name the source ends with (an e-mail part: "message.eml › notes.txt"), extension and all. */
function namesFile(question: string, source: string): boolean {
  const file = source.split(/[/›\\]/).at(-1)?.trim().toLowerCase() ?? ''
  if (!/^[^\s.]{2,}(\.[a-z0-9]{2,4})+$/.test(file)) return false
  const at = question.indexOf(file)
  return at >= 0 && !/[\w.-]/.test(question[at - 1] ?? ' ') && !/\w/.test(question[at + file.length] ?? ' ')
}

/**
 * The document is of one of the kinds (extensions) the question means. An e-mail's parts are
 * of its kind too ("email/x.eml › notes.txt"): "the mail's attachment" is part of the mail.
 */
function ofKind(kinds: readonly string[], source: string): boolean {
  if (kinds.length === 0) return false
  const extensions = source.split('›').map((segment) => /\.([a-z0-9]{2,4})\s*$/i.exec(segment.trim())?.[1]?.toLowerCase())
  return kinds.includes('eml') ? extensions[0] === 'eml' : kinds.includes(extensions.at(-1) ?? '')
}

/** The question quotes how the document's title, or its message's, begins. */
function quotesTitle(quoted: readonly string[], passage: PassageText): boolean {
  const titles = [passage.title, passage.parentTitle ?? ''].map((t) => t.toLowerCase()).filter((t) => t.length > 0)
  return quoted.some((q) => titles.some((title) => title.startsWith(q)))
}

const numberWord = new RegExp(`^(\\d[\\d.,]*|${numberWords}|several|few)$`, 'i')

function countedNearNumberIn(sentences: readonly ScoredSentence[], analysis: AnalyzedQuestion): boolean {
  if (analysis.counted.length === 0) return true
  // Each group: its words, and the words related to them closely enough to stand in ("files" for "attachments" does not).
  const groups = analysis.counted.map((group) => {
    const origins = new Set(group.map((stem) => termId(stem)))
    return new Set([...group, ...analysis.expansions.filter((e) => e.factor >= 0.5 && e.origins.some((o) => origins.has(o))).map((e) => e.stem)])
  })
  return sentences.some((sentence) => {
    if (!sentence.typed) return false
    const words = sentence.text.match(/[\p{L}\p{N}€$£][\p{L}\p{N}.,'’-]*/gu) ?? []
    const stems = words.map((word) => tokenize(word)[0] ?? '')
    return words.some((word, i) => {
      if (!numberWord.test(word.replace(/^[€$£]/, '').replace(/[.,]+$/, ''))) return false
      const near = stems.slice(Math.max(0, i - COUNT_WINDOW), i + COUNT_WINDOW + 1)
      return groups.every((group) => near.some((stem) => group.has(stem)))
    })
  })
}

/** Words between a number and what it counts: "39 hours a week", "aged 47". */
const COUNT_WINDOW = 4

function mostSpecific(question: WeightedQuestion): number[] {
  const eligible = new Set(question.analysis.terms.filter((t) => !t.anchor && t.factor === 1 && !t.answerKind).map((t) => t.id))
  const focus = [...question.weights].filter(([id]) => eligible.has(id))
  const top = Math.max(0, ...focus.map(([, weight]) => weight))
  return focus.filter(([, weight]) => weight >= top).map(([id]) => id)
}

/** Share of a word's credit a sentence earns when the word is in the sentence next to it: the fact often follows its context. */
const NEIGHBOUR_CREDIT = 0.5

/** Share of a word's credit a table row earns when the word is in its table's header row: a cell means what its column says. */
const HEADER_CREDIT = 0.7

/** Share of a word's credit every sentence of a section earns when the word is in the section's heading: the heading is what the section is about. */
const HEADING_CREDIT = 0.5

/** Share of its weight a word keeps for choosing the sentence to quote when the document's title, source or headings hold it... */
const LABEL_WORD_SHARE = 0.25
/** ...or when its opening does. */
const OPENING_WORD_SHARE = 0.5

function askedWeights(weights: ReadonlyMap<number, number>, label: ReadonlyMap<number, number>, opening: ReadonlyMap<number, number>): Map<number, number> {
  const asked = new Map<number, number>()
  for (const [id, weight] of weights) {
    const share = Math.min(1 - (label.get(id) ?? 0) * (1 - LABEL_WORD_SHARE), 1 - (opening.get(id) ?? 0) * (1 - OPENING_WORD_SHARE))
    asked.set(id, weight * share)
  }
  return asked
}

function scoreSentences(
  units: readonly ReadingUnit[],
  headingPath: string | null,
  question: WeightedQuestion,
  asked: ReadonlyMap<number, number>,
  stemsOf: (text: string) => Set<number>,
): ScoredSentence[] {
  const type = question.analysis.answerType
  const credits = units.map((unit) => matchCredits(unit.stems, question))
  const subject = question.analysis.terms.find((t) => t.factor === 1 && !t.answerKind)?.id
  const headingCredits = matchCredits(stemsOf(headingPath ?? ''), question)
  const kindIds = question.analysis.terms.filter((t) => t.answerKind && question.weights.has(t.id)).map((t) => t.id)
  const anchorIds = question.analysis.terms.filter((t) => t.anchor).map((t) => t.id)
  // Only "which school" questions compare a sentence's names with the question's words.
  const questionWords = type === 'named' ? question.analysis.words : null
  const given = question.analysis.figures
  return units.map((unit, position) => {
    const { text: sentence, header } = unit
    const own = credits[position] as Map<number, number>
    const windowed = new Map(own)
    for (const [id, credit] of headingCredits) windowed.set(id, Math.max(windowed.get(id) ?? 0, credit * HEADING_CREDIT))
    for (const neighbour of [credits[position - 1], credits[position + 1]]) {
      for (const [id, credit] of neighbour ?? []) windowed.set(id, Math.max(windowed.get(id) ?? 0, credit * NEIGHBOUR_CREDIT))
    }
    // A sentence holding the kind of answer asked for answers "what date" or "which tool" without the word.
    // A list item's number ("1. Labor, hours charged…") is not a number the item states.
    // "Which school": a name the question does not already give.
    // A figure the question itself gives ("the 10,047 books published in 1930") is not an answer.
    const typed = questionWords ? mentionsNewEntity(unit.unmarked, questionWords) : mentionsNewValue(unit.unmarked, type, given)
    if (typed && type !== 'other' && type !== 'yesno') for (const id of kindIds) windowed.set(id, 1)
    if (header !== null) {
      for (const [id, credit] of matchCredits(stemsOf(header), question)) windowed.set(id, Math.max(windowed.get(id) ?? 0, credit * HEADER_CREDIT))
    }
    const coverage = weighted(windowed, question.weights)
    // Names locate the answer in the sentence that holds them: "the 19th-century scholar" is the one in
    // the sentence saying "in the 19th century", not the one beside it.
    const located = new Map(windowed)
    for (const id of anchorIds) if (!own.has(id)) located.delete(id)
    return {
      text: sentence,
      stems: unit.stems,
      credits: own,
      position,
      coverage,
      askedCoverage: weighted(located, asked),
      typed,
      // Judged only where it can matter: a sentence that covers nothing scores nothing either way.
      // Only the answerer asks, of the few passages it quotes from: judged then (once per unit).
      get quotable() {
        return coverage > 0 && quotable(unit)
      },
      // A sentence opening with the subject holds a question word: others need not be read for it.
      sameSubject: subject !== undefined && coverage > 0 && openers(unit).has(subject),
    }
  })
}

/**
 * Share of the names the question gives (by weight) among `found`. A name no document in the scope
 * holds ("the *Mozilla* paper", "the *NYU* team") cannot say which document is meant: it is the
 * colleague's name for it, and is not asked for here (it still weighs in the question's coverage).
 * Reranking passes the names found in any candidate passage of a document: "the Firefox tracing-JIT
 * paper" is named on its first pages, not on the page that answers.
 */
export function anchorCoverageOf(found: Iterable<number>, question: WeightedQuestion): number {
  const naming = new Set(question.analysis.terms.filter((t) => t.anchor && !question.absent?.has(t.id)).map((t) => t.id))
  if (naming.size === 0) return 1
  return weighted(new Map([...found].map((id) => [id, 1])), question.weights, (id) => naming.has(id))
}
