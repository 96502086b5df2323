import type { TableStyle } from './table.ts'

export interface Progress {
  tick(): void
  /** More work discovered (e.g. an e-mail's attachments). */
  grow(by: number): void
  stop(): void
}

export interface Output extends TableStyle {
  line(text: string): void
  error(text: string): void
  progress(total: number, label: string): Promise<Progress>
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean }

/** ANSI colours only for a person at a terminal: never piped, never with NO_COLOR (no-color.org) or TERM=dumb. */
export function wantsColor(stream: Stream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb'
}

const silent: Progress = { tick: () => {}, grow: () => {}, stop: () => {} }

/** stdout carries results (tables, JSON); progress and errors go to stderr. */
export function createOutput(stdout: Stream, stderr: Stream, options: { quiet: boolean; env: NodeJS.ProcessEnv }): Output {
  return {
    color: wantsColor(stdout, options.env),
    line: (text) => stdout.write(`${text}\n`),
    error: (text) => stderr.write(`${text}\n`),
    async progress(total, label) {
      // The bar redraws itself with ANSI escapes: not for pipes, nor for people who asked for none.
      if (options.quiet || !wantsColor(stderr, options.env)) return silent
      const { SingleBar } = await import('cli-progress')
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
