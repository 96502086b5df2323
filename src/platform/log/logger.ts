import { pino } from 'pino'
import { createPrettyStream } from './pretty-stream.ts'

/** The subset of pino the core uses; tests pass a silent one. */
export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export interface LogOutput {
  /** `pretty`: one readable line per entry (a terminal); `json`: pino's JSON lines (default). */
  format: 'pretty' | 'json'
  color: boolean
}

export function createLogger(
  level: string,
  destination: NodeJS.WritableStream = process.stderr,
  output: LogOutput = { format: 'json', color: false },
): Logger {
  const target = output.format === 'pretty' ? createPrettyStream(destination, { color: output.color }) : destination
  return pino({ level, base: undefined }, target)
}

/**
 * LOG_FORMAT=auto (the default) is readable lines on a terminal and JSON
 * anywhere else: a pipe, a file, a container's log collector.
 */
export function chooseLogOutput(setting: 'auto' | 'pretty' | 'json', stream: { isTTY?: boolean }, noColor: string | undefined): LogOutput {
  const format = setting === 'auto' ? (stream.isTTY ? 'pretty' : 'json') : setting
  return { format, color: format === 'pretty' && Boolean(stream.isTTY) && !noColor }
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
