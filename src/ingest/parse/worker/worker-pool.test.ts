import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../platform/app-error.ts'
import { createWorkerPool } from './worker-pool.ts'
import type { WorkerPool } from './worker-pool.ts'

interface Request {
  action: 'echo' | 'fail' | 'spin' | 'exit' | 'throw' | 'oom'
  value?: string
}
interface Result {
  value: string
  threadId: number
}

const scripted = new URL('./fixtures/scripted-worker.mjs', import.meta.url)
const broken = new URL('./fixtures/broken-worker.mjs', import.meta.url)
const pools: WorkerPool<Request, Result>[] = []

function pool(options: { size?: number; timeoutMs?: number; workerUrl?: URL; memoryMb?: number } = {}): WorkerPool<Request, Result> {
  const created = createWorkerPool<Request, Result>({
    workerUrl: options.workerUrl ?? scripted,
    size: options.size ?? 1,
    timeoutMs: options.timeoutMs ?? 5_000,
    ...(options.memoryMb ? { resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } } : {}),
    timeoutError: (ms) => new AppError('parse_timeout', `took over ${ms} ms`, { retryable: false }),
  })
  pools.push(created)
  return created
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()))
})

describe('createWorkerPool', () => {
  it('runs jobs and reuses its workers between them', async () => {
    const p = pool({ size: 1 })
    const first = await p.run({ action: 'echo', value: 'a' })
    const second = await p.run({ action: 'echo', value: 'b' })
    expect([first.value, second.value]).toEqual(['a', 'b'])
    expect(second.threadId).toBe(first.threadId)
  })

  it('runs up to size jobs at once on different workers', async () => {
    const p = pool({ size: 2 })
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((value) => p.run({ action: 'echo', value })))
    expect(results.map((r) => r.value)).toEqual(['a', 'b', 'c', 'd'])
    expect(new Set(results.map((r) => r.threadId)).size).toBeLessThanOrEqual(2)
  })

  it('turns an error reply into an AppError with the same code, message and retryable flag', async () => {
    const error = await pool().run({ action: 'fail' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'encrypted', message: 'it is password-protected', retryable: false })
  })

  it('kills a worker that spins forever, fails the job with parse_timeout and replaces the worker', async () => {
    const p = pool({ size: 1, timeoutMs: 300 })
    const before = await p.run({ action: 'echo', value: 'x' })
    const started = Date.now()
    await expect(p.run({ action: 'spin' })).rejects.toMatchObject({ code: 'parse_timeout', retryable: false })
    expect(Date.now() - started).toBeLessThan(3_000)
    const after = await p.run({ action: 'echo', value: 'y' })
    expect(after.value).toBe('y')
    expect(after.threadId).not.toBe(before.threadId)
  })

  it('fails the job with parse_failed when its worker exits, and keeps serving', async () => {
    const p = pool()
    await expect(p.run({ action: 'exit' })).rejects.toMatchObject({ code: 'parse_failed' })
    await expect(p.run({ action: 'echo', value: 'z' })).resolves.toMatchObject({ value: 'z' })
  })

  it('fails the job with parse_failed on an uncaught exception in the worker', async () => {
    const p = pool()
    await expect(p.run({ action: 'throw' })).rejects.toMatchObject({ code: 'parse_failed' })
    await expect(p.run({ action: 'echo', value: 'ok' })).resolves.toMatchObject({ value: 'ok' })
  })

  it('fails the job with parse_failed when the worker runs out of memory, without crashing the process', async () => {
    const p = pool({ memoryMb: 32, timeoutMs: 20_000 })
    const error = await p.run({ action: 'oom' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'parse_failed', message: expect.stringContaining('memory') })
    await expect(p.run({ action: 'echo', value: 'alive' })).resolves.toMatchObject({ value: 'alive' })
  })

  it('fails queued jobs instead of hanging when workers cannot start', async () => {
    const p = pool({ workerUrl: broken, size: 2 })
    const results = await Promise.allSettled([p.run({ action: 'echo' }), p.run({ action: 'echo' }), p.run({ action: 'echo' })])
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.value))).toEqual(
      Array(3).fill(expect.objectContaining({ code: 'parse_failed', message: 'the document reader could not start' })),
    )
  })

  it('rejects jobs after close, and close fails jobs still running', async () => {
    const p = pool({ timeoutMs: 10_000 })
    const running = expect(p.run({ action: 'spin' })).rejects.toMatchObject({ code: 'internal' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    await p.close()
    await running
    await expect(p.run({ action: 'echo' })).rejects.toMatchObject({ code: 'internal' })
  })
})
