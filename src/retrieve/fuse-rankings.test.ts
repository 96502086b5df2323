import { describe, expect, it } from 'vitest'
import { fuseRankings } from './fuse-rankings.ts'

describe('fuseRankings', () => {
  it('favours items ranked well in both lists', () => {
    const fused = fuseRankings([
      { ids: [1, 2, 3], weight: 1 },
      { ids: [3, 1, 4], weight: 1 },
    ])
    const order = [...fused.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id)
    expect(order.slice(0, 2)).toEqual([1, 3])
    expect(order).toContain(4)
  })

  it('lets a weight tilt the balance', () => {
    const fused = fuseRankings([
      { ids: [1], weight: 1 },
      { ids: [2], weight: 0.5 },
    ])
    expect(fused.get(1)).toBeGreaterThan(fused.get(2) ?? 0)
  })
})
