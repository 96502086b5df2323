import { SingleBar } from 'cli-progress'

export interface Progress {
  tick(): void
  /** More work discovered (e.g. an e-mail's attachments). */
  grow(by: number): void
  stop(): void
}

export interface Output {
  line(text: string): void
  error(text: string): void
  progress(total: number, label: string): Progress
}

/** stdout carries results (tables, JSON); progress and errors go to stderr. */
export function createOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream & { isTTY?: boolean }, quiet: boolean): Output {
  return {
    line: (text) => stdout.write(`${text}\n`),
    error: (text) => stderr.write(`${text}\n`),
    progress(total, label) {
      if (quiet || !stderr.isTTY) return { tick: () => {}, grow: () => {}, stop: () => {} }
      const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} documents`, stream: stderr, hideCursor: true, clearOnComplete: true })
      let max = total
      bar.start(max, 0)
      return {
        tick: () => bar.increment(),
        grow: (by) => {
          max += by
          bar.setTotal(max)
        },
        stop: () => bar.stop(),
      }
    },
  }
}
