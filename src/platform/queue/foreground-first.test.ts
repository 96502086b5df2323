import { describe, expect, it } from 'vitest'
import { createForegroundFirst } from './foreground-first.ts'
import { createInProcessQueue } from './in-process-queue.ts'

/** A clock that moves only when the code under test sleeps. */
function fakeTime() {
  let now = 0
  const sleeps: number[] = []
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
    advance: (ms: number) => {
      now += ms
    },
    sleeps,
  }
}

function deferred<T = void>() {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('foreground first', () => {
  it('lets background work start at once when nothing was accepted', async () => {
    const time = fakeTime()
    const gate = createForegroundFirst({ quietMs: 100, maxDeferMs: 5000, now: time.now, sleep: time.sleep })
    await gate.yieldTo()
    expect(time.sleeps).toEqual([])
  })

  it('holds background work back until foreground work has been quiet for quietMs', async () => {
    const time = fakeTime()
    const gate = createForegroundFirst({ quietMs: 100, maxDeferMs: 5000, now: time.now, sleep: time.sleep })
    await gate.track(async () => {})
    time.advance(30)
    await gate.yieldTo()
    expect(time.sleeps).toEqual([70])
  })

  it('waits no longer than maxDeferMs while foreground work keeps running', async () => {
    const time = fakeTime()
    const gate = createForegroundFirst({ quietMs: 100, maxDeferMs: 1000, now: time.now, sleep: time.sleep })
    const running = deferred()
    const tracked = gate.track(() => running.promise)
    await gate.yieldTo()
    expect(time.now()).toBe(1000)
    running.resolve()
    await tracked
  })

  it('returns what the foreground work returns and passes its errors on', async () => {
    const gate = createForegroundFirst({ quietMs: 10, maxDeferMs: 100 })
    await expect(gate.track(async () => 42)).resolves.toBe(42)
    await expect(gate.track(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused')
  })

  /** A queue behind the gate, and a submission that enqueues doc-1 and stays open until released. */
  function submissionInFlight(concurrency: number) {
    const gate = createForegroundFirst({ quietMs: 5, maxDeferMs: 60_000 })
    const started: string[] = []
    const queue = createInProcessQueue(
      async (id) => {
        started.push(id)
        return 'done'
      },
      { concurrency, onError: () => {}, beforeStart: () => gate.yieldTo() },
    )
    const submission = deferred()
    const tracked = gate.track(async () => {
      await queue.enqueue('doc-1')
      await submission.promise
    })
    return { queue, started, submission, tracked }
  }

  it('keeps a queued job from starting while a submission is in flight, then runs it', async () => {
    const { queue, started, submission, tracked } = submissionInFlight(2)
    // Many turns of the event loop: the job is still held back behind the open submission.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 1))
    expect(started).toEqual([])
    submission.resolve()
    await tracked
    await queue.onIdle()
    expect(started).toEqual(['doc-1'])
  })

  it('leaves a held-back job for the next start when the queue closes', async () => {
    const { queue, started, submission, tracked } = submissionInFlight(1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const closed = queue.close()
    submission.resolve()
    await tracked
    await closed
    expect(started).toEqual([])
  })
})
