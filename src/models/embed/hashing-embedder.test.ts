import { describe, expect, it } from 'vitest'
import { createHashingEmbedder } from './hashing-embedder.ts'

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
})
