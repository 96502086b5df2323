import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPacedMessage } from './paced-message.ts'

describe('paced message', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  /** A platform whose writes take `latencyMs`; the first `failures` writes fail. */
  function platform(latencyMs = 0, failures = 0) {
    const writes: Array<{ at: number; text: string }> = []
    let inFlight = 0
    let overlapped = false
    const write = async (text: string) => {
      inFlight++
      if (inFlight > 1) overlapped = true
      await new Promise((resolve) => setTimeout(resolve, latencyMs))
      inFlight--
      writes.push({ at: Date.now(), text })
      if (writes.length <= failures) throw new Error('rate limited')
    }
    return { writes, write, overlapped: () => overlapped }
  }

  it('writes the first text at once, then only the newest text, at most once per interval', async () => {
    const p = platform()
    const message = createPacedMessage(p.write, { intervalMs: 1000 })
    for (let i = 1; i <= 25; i++) {
      message.show(`text ${i}`)
      await vi.advanceTimersByTimeAsync(100)
    }
    await vi.advanceTimersByTimeAsync(1000)
    expect(p.writes.map((w) => w.text)).toEqual(['text 1', 'text 10', 'text 20', 'text 25'])
    for (let i = 1; i < p.writes.length; i++) expect((p.writes[i]?.at ?? 0) - (p.writes[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000)
  })

  it('never has two writes in flight, even when a write takes longer than the interval', async () => {
    const p = platform(2500)
    const message = createPacedMessage(p.write, { intervalMs: 1000 })
    for (let i = 1; i <= 40; i++) {
      message.show(`text ${i}`)
      await vi.advanceTimersByTimeAsync(100)
    }
    await vi.runAllTimersAsync()
    expect(p.overlapped()).toBe(false)
    expect(p.writes.at(-1)?.text).toBe('text 40')
  })

  it('does not write the same text twice', async () => {
    const p = platform()
    const message = createPacedMessage(p.write, { intervalMs: 1000 })
    message.show('same')
    await vi.advanceTimersByTimeAsync(1500)
    message.show('same')
    await vi.advanceTimersByTimeAsync(1500)
    expect(p.writes.map((w) => w.text)).toEqual(['same'])
  })

  it('finishes after the write in flight, an interval after it, and drops what was pending', async () => {
    const p = platform(300)
    const message = createPacedMessage(p.write, { intervalMs: 1000 })
    message.show('preview')
    message.show('never shown')
    const finishing = message.finish(async () => {
      await p.write('final')
      return 'done'
    })
    await vi.runAllTimersAsync()
    expect(await finishing).toBe('done')
    expect(p.writes.map((w) => w.text)).toEqual(['preview', 'final'])
    expect((p.writes[1]?.at ?? 0) - (p.writes[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000)
  })

  it('finishes at once when nothing was shown', async () => {
    const p = platform()
    const message = createPacedMessage(p.write, { intervalMs: 1000 })
    const started = Date.now()
    const finishing = message.finish(() => p.write('final'))
    await vi.runAllTimersAsync()
    await finishing
    expect(p.writes).toEqual([{ at: started, text: 'final' }])
  })

  it('goes on after a failed preview, and cancel stops previews', async () => {
    const p = platform(0, 1)
    const message = createPacedMessage(p.write, { intervalMs: 1000 })
    message.show('fails')
    await vi.advanceTimersByTimeAsync(1000)
    message.show('works')
    await vi.advanceTimersByTimeAsync(10)
    message.cancel()
    message.show('after cancel')
    await vi.runAllTimersAsync()
    expect(p.writes.map((w) => w.text)).toEqual(['fails', 'works'])
  })
})
