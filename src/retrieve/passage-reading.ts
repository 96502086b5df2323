import { splitSentences } from '../text/split-sentences.ts'
import { termId as termIdOf } from '../text/term-hash.ts'
import { tokenize, wordTokens } from '../text/tokenize.ts'
import { isQuotable } from './quotable-sentence.ts'

/**
 * What a passage's text gives whatever the question: its units (sentences,
 * table rows, list items), each with its stems, the stems that open it and
 * whether it reads as an answer on its own. Reranking reads every candidate
 * for every question; this part is the same each time, so it is read once
 * per passage and kept (see createPassageReadings).
 */
export interface PassageReading {
  units: ReadingUnit[]
  /** Every stem of the passage: its units' together. */
  stems: Set<number>
}

export interface ReadingUnit {
  text: string
  /** The table's header row, or the sentence introducing a list, that this row or item is read with. */
  header: string | null
  /** Its text without a list item's marker: "1. Labor, hours charged…" states no number. */
  unmarked: string
  stems: Set<number>
  /** Stems among its first three words, after any list marker ("C.", "2)"): its subject, if a question word; read when first asked. */
  openers: Set<number> | null
  /** isQuotable, judged when first asked: only sentences that cover a question word ever are. */
  quotable: boolean | null
}

export function readPassage(text: string): PassageReading {
  const units = text.split(/\n\s*\n/).flatMap(paragraphUnits).map(({ text: unit, header }) => ({
    text: unit,
    header,
    unmarked: unit.replace(listMarker, ''),
    stems: stemIds(unit),
    openers: null,
    quotable: null,
  }))
  const stems = new Set<number>()
  for (const unit of units) for (const id of unit.stems) stems.add(id)
  return { units, stems }
}

/** The stems opening a unit: asked only of units that hold a question word. */
export function openers(unit: ReadingUnit): Set<number> {
  unit.openers ??= openingStems(unit.text)
  return unit.openers
}

export function quotable(unit: ReadingUnit): boolean {
  unit.quotable ??= isQuotable(unit.text)
  return unit.quotable
}

export const stemIds = (text: string): Set<number> => new Set(tokenize(text).map(termIdOf))

/** Readings of passages and stems of shared texts (titles, openings), kept across questions. */
export interface PassageReadings {
  /** `key`: the passage's chunk id (a chunk's text never changes; a new version gets new ids). */
  read(key: number | undefined, text: string): PassageReading
  stems(text: string): Set<number>
}

/**
 * Bounded, least recently used first out: about 2,000 passages of a few kB each.
 * Measured on SciFact at 20k passages, reading the candidates anew was most of
 * reranking's time (19 ms a question).
 */
export function createPassageReadings(maxEntries = 2000): PassageReadings {
  const readings = new Map<number, PassageReading>()
  const stems = new Map<string, Set<number>>()
  return {
    read(key, text) {
      if (key === undefined) return readPassage(text)
      return remember(readings, key, () => readPassage(text), maxEntries)
    },
    stems: (text) => remember(stems, text, () => stemIds(text), maxEntries),
  }
}

function remember<K, V>(cache: Map<K, V>, key: K, make: () => V, maxEntries: number): V {
  const known = cache.get(key)
  if (known !== undefined) {
    // Map keeps insertion order: re-inserting marks it recently used.
    cache.delete(key)
    cache.set(key, known)
    return known
  }
  const value = make()
  cache.set(key, value)
  if (cache.size > maxEntries) cache.delete(cache.keys().next().value as K)
  return value
}

function openingStems(unit: string): Set<number> {
  // Its first three words are all that can count: the start of a long sentence is enough to read.
  const words = wordTokens(unit.slice(0, 120).replace(listMarker, ''))
  return new Set(words.filter((w) => w.position <= 2).map((w) => termIdOf(w.stem)))
}

/**
 * A paragraph's sentences: a line break inside prose is just wrapping, but
 * each row of a table (cells separated by " | ") is a unit of its own, read
 * with the table's header row ("Language | Code security analysis" makes
 * "Python | Bandit" an answer about code security analysis).
 */
function paragraphUnits(paragraph: string): Array<{ text: string; header: string | null }> {
  const lines = paragraph.split(/\s*\n\s*/).filter((line) => line.length > 0)
  if (lines.filter((line) => line.includes(' | ')).length >= 2) {
    const header = lines.find((line) => line.includes(' | ')) ?? null
    return lines.map((line) => ({ text: line, header: line === header || !line.includes(' | ') ? null : header }))
  }
  // A list item means what the sentence introducing its list says ("Don't forget: 1. Wear sunglasses").
  const units: Array<{ text: string; header: string | null }> = []
  let intro: string | null = null
  for (const block of listBlocks(lines)) {
    const item = listItem.test(block)
    const sentences = splitSentences(block)
    for (const text of sentences) units.push({ text, header: item ? intro : null })
    if (!item) intro = sentences.at(-1) ?? null
  }
  return units
}

// The number or letter opening a list item.
const listMarker = /^\s*\(?(?:(\d{1,3})|[a-z]|[ivx]{1,4})[.)]\s+/i

/** The number of the list item a sentence opens ("2. Drink water" → 2); null for any other sentence. */
export function listItemNumber(sentence: string): number | null {
  const digits = listMarker.exec(sentence)?.[1]
  return digits === undefined ? null : Number(digits)
}

// "1. Wear sunglasses", "- Paddle about", "b) the consultant": a line that opens a list item.
const listItem = /^(?:[-–•*▪◦·]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+\S/

/**
 * Lines joined back into prose, except that each list item stays a unit of
 * its own: "1. Wear sunglasses" is one reminder, not the end of the sentence
 * "Also, don't forget: 1." and the start of another.
 */
function listBlocks(lines: readonly string[]): string[] {
  const blocks: string[] = []
  let current: string[] = []
  for (const line of lines) {
    if (listItem.test(line) && current.length > 0) {
      blocks.push(current.join(' '))
      current = []
    }
    current.push(line)
  }
  if (current.length > 0) blocks.push(current.join(' '))
  return blocks
}
