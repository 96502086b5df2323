import { termId } from '../../text/term-hash.ts'
import { tokenize, wordTokens } from '../../text/tokenize.ts'
import { type AnswerType, answerTypeOf, auxiliaries, figuresIn, measureUnits } from './answer-type.ts'
import { irregularForms } from '../../text/irregular-forms.ts'
import type { Lexicon, Relation } from './wordnet-lexicon.ts'

/** A meaningful word of the question. */
export interface QuestionTerm {
  id: number
  stem: string
  surface: string
  count: number
  /**
   * Names, numbers and acronyms: they say *which* document or thing the
   * question is about, not what it asks. A passage that shares only these
   * with the question has not answered it.
   */
  anchor: boolean
  /** Share of its weight the word carries: chat verbs ("say", "got") count for little. */
  factor: number
  /** Names the kind of answer ("date", "number"): found when a sentence holds one. */
  answerKind: boolean
}

/** A word related to one or more question terms, searched for at a lower weight. */
export interface Expansion {
  id: number
  stem: string
  /** Ids of the question terms it stands in for. */
  origins: number[]
  /** Share of the origin's weight a match earns: synonyms more than broader or narrower words. */
  factor: number
}

export interface AnalyzedQuestion {
  /** The question without chat filler, as searched. */
  text: string
  terms: QuestionTerm[]
  expansions: Expansion[]
  answerType: AnswerType
  /**
   * Words that say which kind of a generic thing is asked for: "squad" in
   * "what squad number", "dial-in" in "what dial-in number". A passage with
   * a number but none of these has not answered.
   */
  specifiers: number[]
  /** Pages the question names ("on page 31"): passages there rank first. */
  pages: number[]
  /** "going by the intro", "in its opening paragraph": the question points at the start of the document. */
  atStart: boolean
  /** The question as written, lower-cased: a document whose file name it contains ("the notes.txt attachment") is named by it. */
  lowered: string
  /** Years the question names: a passage whose document never mentions them cannot answer it. */
  years: string[]
  /** Figures the question states ("the 10,047 books published in 1930"): a sentence holding only these does not answer it. */
  figures: ReadonlySet<string>
  /** Its words, lower-cased: a "which school" is answered by a name that is not among them. */
  words: ReadonlySet<string>
  /** "the first reminder", "the third step": the list item with this number answers; null when none is named. */
  ordinal: number | null
  /**
   * Stems of what a count or measure counts ("how many *weeks*", "how many lines of code", "in
   * megabytes", "how old", "hours a week"): an answer states its number with a word of each group ("120 days", "aged 47").
   */
  counted: string[][]
  /** What the question quotes, lower-cased ("the 'testing' mail"): a document so titled, or an attachment of one, is named by it. */
  quoted: string[]
  /** Kinds of document the question says it means ("the Word file", "that mail"): file extensions, lower-case ("docx", "eml"). */
  documentKinds: string[]
}

/** How a related word relates to the question's: WordNet's relations, or another form of the same word ("paid" for "pay"). */
export type ExpansionRelation = Relation | 'inflection'

export const relationFactor: Record<ExpansionRelation, number> = {
  inflection: 0.9,
  synonym: 0.6,
  derived: 0.5,
  similar: 0.4,
  hypernym: 0.35,
  hyponym: 0.35,
}

const MAX_EXPANSIONS_PER_TERM = 30

// Words a colleague types around a question that say nothing about its subject.
const chatWords = new Set(
  `say says said saying get gets got getting come comes came take takes took make makes made want wants need needs know knows
   think tell tells told actually really just also still even ever whenever way thing things stuff someone somebody anyone
   anybody people guy guys use used using go goes going went like well sure mean supposed exactly per according
   look looks looking find found give gives gave let lets put try trying seem seems basically literally kind sort bit lot
   roughly around about approximately much many given give gave listed list mentioned mention mentions stated state states
   called named described describe describes shown show shows appear appears appeared declare declares declared written reads
   body text content contents attachment attached section chapter paragraph appendix intro introduction abstract part header
   heading footer cell row column line entry
   he she him her his hers them theirs himself herself themselves itself whose whom whoever whatever`.split(/\s+/),
)

// Words that name the kind of answer ("what date", "the number"): a sentence holding a date answers them.
const answerKindWords = new Set(
  `date dates day days year years month months time times number numbers amount amounts name names total figure count
   address addresses email phone percentage share rate cost price fee age version versions release url urls link links website`.split(/\s+/),
)
const authorWords = new Set(['sent', 'send', 'sends', 'sender', 'wrote', 'write', 'writes', 'written', 'author', 'authored', 'signed'])
const CHAT_FACTOR = 0.3

// Words for a kind of document: they point at which document is meant, like a name does.
const documentWords = new Set(
  `book paper essay file document doc docx pdf mail email e-mail message messages article notes note report writeup write-up
   write-ups sample samples example examples study memo handbook guide manual letter thread attachment wiki page spreadsheet
   table sheet slide slides deck policy readme rfc`.split(/\s+/),
)

// A question about a mail: the kinds of file it names are what the mail carries.
const mailWord = /\b(e-?mails?|mails?|messages?|msg)\b/i
// Kinds of attachment as a question says them → as a mail's "Attachments:" line does (email-structure.ts).
const attachmentKinds = new Map<string, string>([
  ['pdf', 'pdf'],
  ['pdfs', 'pdf'],
  ['picture', 'image'],
  ['pictures', 'image'],
  ['photo', 'image'],
  ['photos', 'image'],
  ['photograph', 'image'],
  ['screenshot', 'image'],
  ['png', 'image'],
  ['jpeg', 'image'],
  ['jpg', 'image'],
  ['image', 'image'],
  ['images', 'image'],
  ['spreadsheet', 'spreadsheet'],
  ['excel', 'spreadsheet'],
  ['xlsx', 'spreadsheet'],
  ['docx', 'word'],
  ['zip', 'archive'],
  ['archive', 'archive'],
  ['invite', 'calendar'],
  ['invitation', 'calendar'],
  ['audio', 'audio'],
  ['video', 'video'],
])
// The mail itself is an "email" in its text, its source and its shape lines.
const mailNames = new Set(['message', 'messages', 'mail', 'mails'])

// Generic heads whose modifiers say what is really asked: "what squad number", "which email address".
const genericHeads = /\b(?:what|which)\s+((?:[\w'’-]+\s+){1,3}?)(number|numbers|address|code|id|identifier|name|figure|amount|total|count|date|version|rate|fee|reference)\b/i
// "which *tool* is", "on what *machine* were", "which sweets *factory* has": the word before the verb
// names the kind of thing asked for; the sentence that answers names one ("Bandit") and rarely the kind.
const kindHead = new RegExp(`\\b(?:what|which)\\s+(?:[\\w'’-]+\\s+){0,2}?([\\w'’-]+)\\s+(?:${auxiliaries}|of)\\b`, 'i')
// Quoted words name something ("the 'Nodemailer is unicode friendly' message"); an apostrophe inside a word does not open a quote.
const quotedName = /(?<=^|[\s(])['‘"“]\S[^'‘’"“”]{0,78}?['’"”](?=[\s,.?!;:)]|$)/g
// "like '23'", "such as Bandit", "e.g. 2019": the words after it are an example of what is asked about.
const examplePhrase = /(?<=\b(?:like|such as|e\.g\.,?|for example,?|for instance,?)\s+)(?:['‘"“][^'’"”]{1,40}['’"”]|[^\s,.?!;:]+)/gi
// Where in a document the answer is: its beginning ("the intro", "the opening paragraph", "the abstract").
const startReference = /\b(?:intro|introduction|introductory (?:paragraph|section|part)|opening (?:paragraph|section|lines?)|first paragraph|the (?:abstract|preamble))\b/i
const pageReference = /\b(?:page|p\.|pg\.?)\s*(\d{1,4})\b/gi
const yearPattern = /^(1[5-9]|20)\d\d$/
// A year written with an apostrophe for its century: "'97", "’04".
const shortYear = /(?<=^|[\s(])['‘’](\d\d)(?![\w'’])/g
/** The century of a two-digit year: the nearest past one for most, like RFC 5322's rule for two-digit years in dates. */
const fullYear = (digits: string) => `${Number(digits) < 50 ? '20' : '19'}${digits}`

// Openers that carry no meaning in a question typed into chat.
const filler =
  /^(\s*(hey|hi|hello|yo|ok|okay|so|um|uh|sorry|please|quick (one|question)|question|folks|team|all|everyone|guys|docuquery|@\S+)\b[\s,:;!.—–-]*)+/i
const politeWrappers =
  /^(can|could|would) you (please )?(tell|show|remind) me\s+|^(do|does) (you|anyone|anybody) know\s+|^i (was|am) wondering\s+|^i'?d like to know\s+|^any idea\s+/i

export function stripFiller(question: string): string {
  let text = question.trim().replace(filler, '')
  text = text.replace(politeWrappers, '')
  return text.trim() || question.trim()
}

/**
 * Reads a question the way the retriever needs it: its meaningful words (and
 * which of them are names), the kind of answer it expects, and related words
 * from the lexicon so that "car insurance" can find "automobile liability".
 */
export function analyzeQuestion(question: string, lexicon: Lexicon | null): AnalyzedQuestion {
  const text = stripFiller(question)
  const pages = [...text.matchAll(pageReference)].map((m) => Number(m[1]))
  // "page 31" is a place in the document, not a word to find in it; "the summer of '97" means 1997.
  // "e-mail" is one word, "email": split at its hyphen, its "e" was the question's rarest word, asked of every passage.
  const searched = text
    .replace(pageReference, ' ')
    .replace(shortYear, (_, digits: string) => fullYear(digits))
    .replace(/\be-mail/gi, (written) => `${written[0]}mail`)
  const words = wordTokens(searched)
  // "Who sent / wrote / signed it": a name answers, in a "From:" line or a signature, without the verb.
  const answerType = answerTypeOf(text)
  const asksWho = answerType === 'person'
  const terms = new Map<number, QuestionTerm>()
  const head = kindHead.exec(searched)?.[1]?.toLowerCase()
  const quotedMatches = [...searched.matchAll(quotedName)]
  const inQuotes = within(quotedMatches)
  const inExample = within([...searched.matchAll(examplePhrase)])
  const aboutMail = mailWord.test(searched)
  for (const word of words) {
    const id = termId(word.stem)
    const existing = terms.get(id)
    if (existing) {
      existing.count += 1
      continue
    }
    const lower = word.surface.toLowerCase()
    const example = inExample(word.offset)
    // "the message carrying a PDF and a picture": the kinds say what the mail holds, not which document type is meant.
    const shape = aboutMail && attachmentKinds.has(lower)
    terms.set(id, {
      id,
      stem: word.stem,
      surface: word.surface,
      count: 1,
      // An example ("a two-digit year like '23'") shows the kind of thing meant; the document need not hold it.
      // "At what URL": a word naming the kind of answer is not a name of what is asked about, in capitals or not.
      anchor:
        !example &&
        (inQuotes(word.offset) || (!documentWords.has(lower) && !answerKindWords.has(lower) && isName(word.surface, startsSentence(searched, word.offset)))),
      // Words for kinds of documents point at a document only loosely ("the wiki article" is a
      // Wikipedia page): weighed like chat, required nowhere.
      factor: !shape && (chatWords.has(lower) || documentWords.has(lower) || example) ? CHAT_FACTOR : 1,
      answerKind: answerKindWords.has(lower) || lower === head || (asksWho && authorWords.has(lower)),
    })
  }
  const expansions = expand(words, terms, lexicon, searched, aboutMail)
  return {
    text,
    terms: [...terms.values()],
    expansions,
    answerType,
    specifiers: specifiersOf(text, terms),
    pages,
    lowered: text.toLowerCase(),
    figures: figuresIn(text),
    words: new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)),
    years: [...terms.values()].map((t) => t.surface).filter((s) => yearPattern.test(s)),
    ordinal: ordinalOf(searched),
    counted: countedOf(searched),
    atStart: startReference.test(searched),
    quoted: quotedMatches.map((m) => m[0].slice(1, -1).trim().toLowerCase()).filter((text) => text.length > 0),
    documentKinds: documentKindsOf(searched, aboutMail),
  }
}

// How colleagues call a kind of document → the extensions of such files.
const documentKindNames: Array<[RegExp, string[]]> = [
  [/\b(pdfs?|pdf (file|document|version))\b/i, ['pdf']],
  [/\b(word|docx?) (file|document|doc)s?\b|\bdocx\b/i, ['docx', 'doc']],
  [/\b(spreadsheets?|excel|xlsx|csv)\b/i, ['xlsx', 'xls', 'csv']],
  [/\b(web ?pages?|html|wiki(pedia)? (page|article)s?|wiki)\b/i, ['html', 'htm']],
  [/\b(markdown|readme)\b/i, ['md']],
]

/**
 * "That sample message", "the Word file with the duckling picture": the kind of document meant.
 * A question about a mail means the mail (and what came with it): the kinds it names are its attachments.
 */
function documentKindsOf(text: string, aboutMail: boolean): string[] {
  if (aboutMail) return ['eml']
  return documentKindNames.filter(([pattern]) => pattern.test(text)).flatMap(([, extensions]) => extensions)
}

const countStop = new Set(`of in for to from at on by with about around across per a an the each every over under before after during into through than do does did is are was were be been can could should would will must may might have has had i you we they he she it there that which`.split(/\s+/))
const countPattern = /\b(?:how many|the number of)\s+([\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,3})/giu
const unitPattern = new RegExp(`\\bin (${measureUnits}|hours|days|weeks|months|years|minutes|seconds|dollars|euros|percent)\\b`, 'giu')

/**
 * What the question's count or measure counts: the last word before a verb or a preposition ("how
 * many extra *weeks* does…"), with the unit of a rate after it ("hours *a week*"), each a group
 * of words that may stand for it.
 */
function countedOf(text: string): string[][] {
  const counted: string[][] = []
  for (const match of text.matchAll(countPattern)) {
    const words = (match[1] as string).split(/\s+/)
    const stop = words.findIndex((w) => countStop.has(w.toLowerCase()))
    const head = (stop < 0 ? words : words.slice(0, stop)).at(-1)
    const stem = head ? tokenize(head)[0] : undefined
    if (!stem) continue
    counted.push([stem])
    const rate = stop >= 0 && /^(a|an|per|each|every)$/i.test(words[stop] ?? '') ? tokenize(words[stop + 1] ?? '')[0] : undefined
    if (rate) counted.push([rate])
  }
  for (const match of text.matchAll(unitPattern)) counted.push(tokenize(match[1] as string))
  if (/\bhow old\b/i.test(text)) counted.push(tokenize('years age old'))
  return counted
}

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth']
const ordinalPattern = new RegExp(`\\b(${ordinals.join('|')}|(\\d{1,2})(?:st|nd|rd|th))\\b`, 'i')

function ordinalOf(text: string): number | null {
  const match = ordinalPattern.exec(text)
  if (!match) return null
  return match[2] ? Number(match[2]) : ordinals.indexOf((match[1] as string).toLowerCase()) + 1
}

/** Whether an offset falls inside one of the matches. */
function within(matches: readonly RegExpMatchArray[]): (offset: number) => boolean {
  return (offset) => matches.some((m) => offset >= (m.index ?? 0) && offset < (m.index ?? 0) + m[0].length)
}

/** The question names someone or something (not only numbers): "the Canaries", "Iwan Roberts". */
export function namesSomething(question: AnalyzedQuestion): boolean {
  return question.terms.some((t) => t.anchor && !/\d/.test(t.surface))
}

function isName(surface: string, sentenceStart: boolean): boolean {
  // "I'm", "I've": the asker, not a name.
  if (/^I(['’](m|ve|d|ll))?$/u.test(surface)) return false
  if (/\d/.test(surface)) return true
  if (/^\p{Lu}{2,}/u.test(surface)) return true
  return !sentenceStart && /^\p{Lu}/u.test(surface)
}

function startsSentence(text: string, offset: number): boolean {
  const before = text.slice(0, offset).trimEnd()
  return before.length === 0 || /[.?!:]$/.test(before)
}

// "the maximum number", "the total amount": these measure the number, they do not say which one.
const quantityWords = new Set(
  `maximum minimum max min total average mean median exact approximate overall current latest first last final typical usual
   full whole same right correct`.split(/\s+/),
)

function specifiersOf(text: string, terms: ReadonlyMap<number, QuestionTerm>): number[] {
  const match = genericHeads.exec(text)
  if (!match?.[1]) return []
  return wordTokens(match[1])
    .filter((w) => !chatWords.has(w.surface.toLowerCase()) && !quantityWords.has(w.surface.toLowerCase()))
    .map((w) => termId(w.stem))
    .filter((id) => terms.has(id))
}

/** Other forms of the question's words, and with a lexicon, related words. */
function expand(
  words: ReturnType<typeof wordTokens>,
  terms: ReadonlyMap<number, QuestionTerm>,
  lexicon: Lexicon | null,
  text: string,
  aboutMail: boolean,
): Expansion[] {
  const expansions = new Map<number, Expansion>()
  const add = (relatedText: string, relation: ExpansionRelation, origins: number[]) => {
    const stems = tokenize(relatedText)
    // Phrases are matched word by word, which turns "hard hat" into "hard": single words only. (Their
    // head nouns were tried: "365 days" for "year" cost the dev set a question and gained nothing.)
    if (stems.length !== 1) return
    const stem = stems[0] as string
    const id = termId(stem)
    if (terms.has(id)) return
    const factor = relationFactor[relation]
    const existing = expansions.get(id)
    if (existing) {
      existing.factor = Math.max(existing.factor, factor)
      for (const o of origins) if (!existing.origins.includes(o)) existing.origins.push(o)
      return
    }
    expansions.set(id, { id, stem, origins: [...origins], factor })
  }
  const content = words.filter((w) => !terms.get(termId(w.stem))?.anchor && w.surface.length >= 3)
  for (const word of content) {
    const origin = termId(word.stem)
    for (const form of irregularForms(word.surface)) add(form, 'inflection', [origin])
    // The stemmer takes one suffix off: "undeliverable" stays "undeliver" while "undelivered" is "undeliv".
    add(word.stem, 'inflection', [origin])
    // A mail's "Attachments:" line names kinds in its own words: a picture is an "image" there.
    const lower = word.surface.toLowerCase()
    const kind = aboutMail ? (attachmentKinds.get(lower) ?? (mailNames.has(lower) ? 'email' : undefined)) : undefined
    if (kind) add(kind, 'inflection', [origin])
    if (!lexicon) continue
    for (const related of lexicon.related(word.surface).slice(0, MAX_EXPANSIONS_PER_TERM)) add(related.text, related.relation, [origin])
  }
  if (!lexicon) return [...expansions.values()]
  // Two-word expressions ("walk away", "time off") mean more than their words, and so do idioms
  // around a little word ("pull the plug", "put it right", "take to court").
  for (const gap of [1, 2]) {
    for (let i = 0; i + 1 < content.length; i++) {
      const a = content[i] as (typeof content)[number]
      const b = content[i + 1] as (typeof content)[number]
      if (b.position !== a.position + gap) continue
      const middle = gap === 1 ? '' : text.slice(a.offset + a.surface.length, b.offset).trim()
      if (gap === 2 && !/^\p{L}{1,4}$/u.test(middle)) continue
      const phrase = gap === 1 ? `${a.surface} ${b.surface}` : `${a.surface} ${middle} ${b.surface}`
      const origins = [termId(a.stem), termId(b.stem)]
      for (const related of lexicon.related(phrase).slice(0, MAX_EXPANSIONS_PER_TERM)) add(related.text, related.relation, origins)
    }
  }
  // Hyphenated expressions ("heads-up") are one word to a dictionary, two to the tokenizer.
  for (const match of text.matchAll(hyphenated)) {
    const origins = match[0].split('-').map((part) => termId(stemOf(part))).filter((id) => terms.has(id))
    if (origins.length === 0) continue
    for (const related of lexicon.related(match[0]).slice(0, MAX_EXPANSIONS_PER_TERM)) add(related.text, related.relation, origins)
  }
  // Phrasal verbs: their particle is a stop word the words above leave out ("send on" is "forward"),
  // and colleagues put the object in between ("send it on", "hand them over").
  for (const match of text.matchAll(phrasalVerb)) {
    const verb = match[1] as string
    const origin = termId(stemOf(verb))
    if (!terms.has(origin)) continue
    for (const base of baseForms(verb.toLowerCase())) {
      const related = lexicon.related(`${base} ${(match[2] as string).toLowerCase()}`)
      if (related.length === 0) continue
      for (const r of related.slice(0, MAX_EXPANSIONS_PER_TERM)) add(r.text, r.relation, [origin])
      break
    }
  }
  return [...expansions.values()]
}

const hyphenated = /\b\p{L}{2,}-\p{L}{2,}\b/gu

const particles = 'on|off|up|out|in|down|back|over|away|through|around|about|along|aside'
const objectPronouns = 'it|them|him|her|me|us|you|this|that|these|those|one|everything|something'
const phrasalVerb = new RegExp(`\\b(\\p{L}{2,})\\s+(?:(?:${objectPronouns})\\s+)?(${particles})\\b`, 'giu')

const stemOf = (word: string): string => tokenize(word)[0] ?? word.toLowerCase()

/**
 * The forms a verb's dictionary entry may have, the base first: "handing over" is also a noun
 * (a delivery), "hand over" the verb. Its irregular base ("sent" → "send"), without -s, -ed or
 * -ing, then as written.
 */
function baseForms(verb: string): string[] {
  const forms = irregularForms(verb).filter((form) => form !== verb)
  const suffixed = /^(.+?)(ing|ed|es|s)$/.exec(verb)
  if (suffixed) {
    const root = suffixed[1] as string
    forms.push(root, `${root}e`)
    // "stopped" → "stop".
    if (/(.)\1$/.test(root)) forms.push(root.slice(0, -1))
  }
  forms.push(verb)
  return [...new Set(forms)]
}
