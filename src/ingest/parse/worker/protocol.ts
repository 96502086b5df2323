import type { SerializedError } from './serialized-error.ts'

/** Messages between the pool and its workers. */
export type WorkerReply<Result> =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result }
  | { type: 'error'; id: number; error: SerializedError }

export interface WorkerJob<Request> {
  type: 'job'
  id: number
  request: Request
}
