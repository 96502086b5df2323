import { availableParallelism, loadavg } from 'node:os'

const MEGABYTE = 1024 * 1024

/**
 * How long one document may take to parse. PARSE_TIMEOUT_MS is the limit for
 * a small file; big files get more in proportion (half the base per MB), since
 * a 350-page book honestly needs longer than a memo, and a spinning parser is
 * stopped all the same.
 */
export function parseTimeLimit(byteLength: number, baseMs: number): number {
  return Math.round(baseMs + (baseMs / 2) * (byteLength / MEGABYTE))
}

/** A timed-out parse is tried once more with this many times its limit, when the machine was busy. */
export const BUSY_RETRY_FACTOR = 3

/**
 * The machine is busy when there is more runnable work than cores: then a parse
 * that ran out of time may only have been starved of CPU, and deserves another try.
 */
export function machineIsBusy(): boolean {
  return (loadavg()[0] ?? 0) >= availableParallelism()
}
