import { describe, expect, it } from 'vitest'
import { createInProcessQueue } from './in-process-queue.ts'

const tick = () => new Promise((r) => setTimeout(r, 1))

function deferred() {
  let resolve = () => {}
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('in-process queue', () => {
  it('never runs more jobs at once than its concurrency, and runs each once', async () => {
    let active = 0
    let peak = 0
    const done: string[] = []
    const queue = createInProcessQueue(
      async (id) => {
        active++
        peak = Math.max(peak, active)
        await tick()
        active--
        done.push(id)
      },
      { concurrency: 2, onError: () => {} },
    )
    for (const id of ['a', 'b', 'c', 'a', 'd', 'e']) await queue.enqueue(id)
    await queue.onIdle()
    expect(peak).toBe(2)
    expect(done.sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('reports handler errors and keeps going', async () => {
    const errors: string[] = []
    const done: string[] = []
    const queue = createInProcessQueue(
      async (id) => {
        if (id === 'bad') throw new Error('boom')
        done.push(id)
      },
      { concurrency: 1, onError: (id) => errors.push(id) },
    )
    await queue.enqueue('bad')
    await queue.enqueue('good')
    await queue.onIdle()
    expect(errors).toEqual(['bad'])
    expect(done).toEqual(['good'])
  })

  it('close() waits for the running job and drops the waiting ones', async () => {
    const done: string[] = []
    const gate = deferred()
    const started = deferred()
    const queue = createInProcessQueue(
      async (id) => {
        started.resolve()
        await gate.promise
        done.push(id)
      },
      { concurrency: 1, onError: () => {} },
    )
    await queue.enqueue('first')
    await queue.enqueue('second')
    await started.promise
    const closed = queue.close()
    gate.resolve()
    await closed
    await tick()
    expect(done).toEqual(['first'])
  })
})
