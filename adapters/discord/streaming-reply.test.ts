import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStreamingReply } from './streaming-reply.ts'

describe('streamed Discord replies', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function surface(failFirst = false) {
    const writes: Array<{ at: number; kind: string; text: string }> = []
    const log = (kind: string) => async (text: string, components?: unknown[]) => {
      if (kind === 'first' && failFirst && writes.length === 0) {
        writes.push({ at: Date.now(), kind: 'failed', text })
        throw new Error('Missing Access')
      }
      writes.push({ at: Date.now(), kind: components?.length ? `${kind}+buttons` : kind, text })
    }
    return { writes, target: { first: log('first'), update: log('update'), more: log('more') } }
  }

  it('paces every write of the first message, the final edit too', async () => {
    const s = surface()
    const reply = createStreamingReply(s.target, 1000, (t) => `${t} …`)
    let text = ''
    for (let i = 0; i < 25; i++) {
      text += `word${i} `
      reply.update(text)
      await vi.advanceTimersByTimeAsync(250)
    }
    const finishing = reply.finish(['final answer', 'second piece'])
    await vi.runAllTimersAsync()
    await finishing
    const edits = s.writes.filter((w) => w.kind !== 'more')
    for (let i = 1; i < edits.length; i++) expect((edits[i]?.at ?? 0) - (edits[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000)
    expect(s.writes.slice(-2).map((w) => `${w.kind}:${w.text}`)).toEqual(['update:final answer', 'more:second piece'])
  })

  it('posts the final answer as the first message when the first preview failed', async () => {
    const s = surface(true)
    const reply = createStreamingReply(s.target, 1000, (t) => `${t} …`)
    reply.update('The rotation')
    await vi.advanceTimersByTimeAsync(10)
    const finishing = reply.finish(['The rotation is weekly [1].'])
    await vi.runAllTimersAsync()
    await finishing
    expect(s.writes.map((w) => w.kind)).toEqual(['failed', 'first'])
  })

  it('puts the 👍/👎 row under the last piece only, where the answer ends', async () => {
    const row = [{ type: 1 as const, components: [] }]
    for (const [pieces, expected] of [
      [['only piece'], ['first+buttons']],
      [['head', 'middle', 'tail'], ['first', 'more', 'more+buttons']],
    ] as const) {
      const s = surface()
      const finishing = createStreamingReply(s.target, 1000, (t) => t).finish(pieces, row)
      await vi.runAllTimersAsync()
      await finishing
      expect(s.writes.map((w) => w.kind)).toEqual(expected)
    }
  })
})
