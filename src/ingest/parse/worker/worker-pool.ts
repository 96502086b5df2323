import { Worker } from 'node:worker_threads'
import type { ResourceLimits, TransferListItem } from 'node:worker_threads'
import { AppError } from '../../../platform/app-error.ts'
import type { WorkerJob, WorkerReply } from './protocol.ts'
import { deserializeError } from './serialized-error.ts'

export interface WorkerPoolOptions {
  /** A module that answers the protocol in protocol.ts. */
  workerUrl: URL
  size: number
  /** Longest a job may run; then its worker is terminated and replaced. */
  timeoutMs: number
  /** Longest a new worker may take to load before it counts as broken. */
  startupTimeoutMs?: number
  resourceLimits?: ResourceLimits
  workerData?: unknown
  timeoutError: (timeoutMs: number) => AppError
  /**
   * Start every worker at once instead of on the first jobs: loading a parser
   * takes seconds, and the first documents should not wait for it.
   */
  warm?: boolean
}

export interface WorkerPool<Request, Result> {
  /** `timeoutMs` overrides the pool's limit for this job (a larger file, a second try). */
  run(request: Request, transfer?: readonly TransferListItem[], options?: { timeoutMs?: number }): Promise<Result>
  close(): Promise<void>
}

interface Job<Request, Result> {
  id: number
  request: Request
  transfer: readonly TransferListItem[]
  timeoutMs: number
  resolve: (result: Result) => void
  reject: (error: AppError) => void
}

interface Slot<Request, Result> {
  worker: Worker
  ready: boolean
  retired: boolean
  job: Job<Request, Result> | null
  timer: NodeJS.Timeout | null
  crash: Error | null
}

const DEFAULT_STARTUP_TIMEOUT_MS = 30_000

/**
 * A fixed number of worker threads, started on demand and reused, each running
 * one job at a time. A parser that spins forever cannot be stopped from inside
 * its thread, so a job that runs past its time limit gets its worker terminated
 * and replaced; a worker that crashes fails its job, never the process.
 * Idle workers are unref'd, so a forgotten pool does not keep the process alive.
 */
export function createWorkerPool<Request, Result>(options: WorkerPoolOptions): WorkerPool<Request, Result> {
  const slots: Slot<Request, Result>[] = []
  const queue: Job<Request, Result>[] = []
  let nextId = 1
  let closed = false
  // After a worker failed to start, spawn no more than one at a time until one starts.
  let lastStartFailed = false

  function spawn(): Slot<Request, Result> {
    const worker = new Worker(options.workerUrl, {
      workerData: options.workerData,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    })
    const slot: Slot<Request, Result> = { worker, ready: false, retired: false, job: null, timer: null, crash: null }
    slot.timer = setTimeout(() => retire(slot, startError(null)), options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS)
    slot.timer.unref()
    worker.on('message', (message: WorkerReply<Result>) => onMessage(slot, message))
    worker.on('error', (error) => {
      slot.crash = error
    })
    worker.on('messageerror', (error) => retire(slot, crashError(error)))
    worker.on('exit', () => retire(slot, slot.ready ? crashError(slot.crash) : startError(slot.crash)))
    slots.push(slot)
    return slot
  }

  function onMessage(slot: Slot<Request, Result>, message: WorkerReply<Result>): void {
    if (slot.retired) return
    if (message.type === 'ready') {
      slot.ready = true
      lastStartFailed = false
      clearTimer(slot)
      slot.worker.unref()
      pump()
      return
    }
    const job = slot.job
    if (!job || job.id !== message.id) return
    clearTimer(slot)
    slot.job = null
    slot.worker.unref()
    if (message.type === 'result') job.resolve(message.result)
    else job.reject(deserializeError(message.error))
    pump()
  }

  function dispatch(slot: Slot<Request, Result>, job: Job<Request, Result>): void {
    slot.job = job
    slot.worker.ref()
    slot.timer = setTimeout(() => retire(slot, options.timeoutError(job.timeoutMs)), job.timeoutMs)
    const message: WorkerJob<Request> = { type: 'job', id: job.id, request: job.request }
    try {
      slot.worker.postMessage(message, job.transfer)
    } catch (cause) {
      clearTimer(slot)
      slot.job = null
      slot.worker.unref()
      job.reject(new AppError('parse_failed', 'it could not be handed to the document reader', { cause }))
    }
  }

  /** Takes a worker out of service for good: fails its job, stops it, replaces it if it had worked. */
  function retire(slot: Slot<Request, Result>, reason: AppError): void {
    if (slot.retired) return
    slot.retired = true
    clearTimer(slot)
    slots.splice(slots.indexOf(slot), 1)
    slot.job?.reject(reason)
    slot.job = null
    slot.worker.terminate().catch(() => undefined)
    if (closed) return
    if (slot.ready) {
      spawn()
    } else {
      lastStartFailed = true
      // No worker is left to run the queued jobs: fail them rather than let them wait forever.
      if (slots.length === 0) queue.splice(0).forEach((job) => job.reject(reason))
    }
    pump()
  }

  function pump(): void {
    while (queue.length > 0) {
      const idle = slots.find((slot) => slot.ready && !slot.job)
      if (idle) {
        const job = queue.shift()
        if (job) dispatch(idle, job)
        continue
      }
      const starting = slots.filter((slot) => !slot.ready).length
      const maySpawn = slots.length === 0 || (slots.length < options.size && !(lastStartFailed && starting > 0))
      if (maySpawn && starting < queue.length) {
        spawn()
        continue
      }
      return
    }
  }

  // A warm worker with no job yet must not keep the process alive.
  if (options.warm) for (let i = 0; i < options.size; i++) spawn().worker.unref()

  return {
    run(request, transfer = [], runOptions = {}) {
      if (closed) return Promise.reject(closedError())
      return new Promise<Result>((resolve, reject) => {
        queue.push({ id: nextId++, request, transfer, timeoutMs: runOptions.timeoutMs ?? options.timeoutMs, resolve, reject })
        // A job now waits on the workers still starting: they keep the process alive.
        for (const slot of slots) if (!slot.ready) slot.worker.ref()
        pump()
      })
    },
    async close() {
      closed = true
      queue.splice(0).forEach((job) => job.reject(closedError()))
      const stopping = slots.splice(0).map((slot) => {
        slot.retired = true
        clearTimer(slot)
        slot.job?.reject(closedError())
        slot.job = null
        return slot.worker.terminate()
      })
      await Promise.all(stopping)
    },
  }
}

function clearTimer(slot: { timer: NodeJS.Timeout | null }): void {
  if (slot.timer) clearTimeout(slot.timer)
  slot.timer = null
}

function crashError(cause: unknown): AppError {
  const outOfMemory = cause instanceof Error && 'code' in cause && cause.code === 'ERR_WORKER_OUT_OF_MEMORY'
  const message = outOfMemory
    ? 'it needs more memory to read than the limit allows'
    : 'the document reader crashed while reading it (it may be damaged)'
  return new AppError('parse_failed', message, { cause, retryable: false })
}

function startError(cause: unknown): AppError {
  return new AppError('parse_failed', 'the document reader could not start', { cause, retryable: true })
}

function closedError(): AppError {
  return new AppError('internal', 'the document parser was shut down', { retryable: true })
}
