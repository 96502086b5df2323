import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fnv1a } from '../../text/term-hash.ts'
import { tokenize } from '../../text/tokenize.ts'
import { corpusPath } from '../../../tests/helpers/corpus.ts'
import { createHashingEmbedder, embedFromStrings, embedTokens } from './hashing-embedder.ts'

const cosine = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0)

describe('hashing embedder', () => {
  const embedder = createHashingEmbedder()

  it('is deterministic and unit length', async () => {
    const [a] = await embedder.embed(['Employees accrue annual leave every pay period'], 'document')
    const [b] = await embedder.embed(['Employees accrue annual leave every pay period'], 'document')
    expect(a).toEqual(b)
    expect(a).toHaveLength(256)
    expect(cosine(a ?? [], a ?? [])).toBeCloseTo(1, 6)
  })

  it('puts related texts closer than unrelated ones', async () => {
    const [query, related, unrelated] = await embedder.embed(
      [
        'how much annual leave do employees accrue',
        'Full-time employees accrue annual leave at a rate based on years of service.',
        'The kernel scheduler picks the next runnable thread from the queue.',
      ],
      'query',
    )
    expect(cosine(query ?? [], related ?? [])).toBeGreaterThan(cosine(query ?? [], unrelated ?? []) + 0.2)
  })

  // Stored passages were embedded by the definition: the fast path must give the very same numbers.
  it('gives exactly the vectors of its definition (feature strings) on real documents', () => {
    const files = ['text/markdown/18f-handbook-leave.md', 'text/plain/rfc5322-internet-message-format.txt', 'text/html/wikipedia-china-zh.html']
    let compared = 0
    for (const file of files) {
      const tokens = tokenize(readFileSync(corpusPath(file), 'utf8'))
      for (let start = 0; start < tokens.length; start += 150) {
        const window = tokens.slice(start, start + 200)
        expect(embedTokens(window, 256)).toEqual(embedFromStrings(window, 256))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(50)
  })

  it('falls back to the definition when two features share their first hash', () => {
    // Birthday search for two words whose `w:` features collide on the 32-bit index hash
    // (they are counted apart by the definition: 2·log 2 at that index, not log 3).
    const seen = new Map<number, string>()
    let pair: [string, string] | null = null
    let state = 12345
    while (pair === null) {
      let word = ''
      for (let k = 0; k < 8; k++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0
        word += String.fromCharCode(97 + ((state >>> 16) % 26))
      }
      const hash = fnv1a(`w:${word}`)
      const other = seen.get(hash)
      if (other !== undefined && other !== word) pair = [other, word]
      else seen.set(hash, word)
    }
    const tokens = [pair[0], 'leave', pair[1]]
    expect(embedTokens(tokens, 256)).toEqual(embedFromStrings(tokens, 256))
  })
})
