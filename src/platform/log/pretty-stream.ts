/**
 * A pino destination for people at a terminal: each JSON log line becomes one
 * readable line, `12:04:05  message  key=value`, warnings and errors marked.
 * JSON stays the format for pipes, files and log collectors (see log-format.ts).
 */
export interface LineSink {
  write(text: string): unknown
}

const LEVELS: Record<number, { label: string; color: string }> = {
  10: { label: 'TRACE', color: '90' },
  20: { label: 'DEBUG', color: '90' },
  30: { label: '', color: '' },
  40: { label: 'WARN', color: '33' },
  50: { label: 'ERROR', color: '31' },
  60: { label: 'FATAL', color: '31' },
}
// The start-up lines say these in words; the JSON keeps them for machines.
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'adapter', 'on', 'role', 'queue', 'url', 'database', 'embeddings', 'answers', 'ms', 'concurrency'])

export function createPrettyStream(sink: LineSink, options: { color: boolean }): { write(line: string): void } {
  const paint = (code: string, text: string) => (options.color && code ? `\u001b[${code}m${text}\u001b[39m` : text)
  const dim = (text: string) => (options.color ? `\u001b[2m${text}\u001b[22m` : text)
  return {
    write(line) {
      let entry: Record<string, unknown>
      try {
        entry = JSON.parse(line) as Record<string, unknown>
      } catch {
        sink.write(line)
        return
      }
      const level = LEVELS[Number(entry.level)] ?? LEVELS[30]
      const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : ''
      const fields = Object.entries(entry)
        .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined)
        .map(([key, value]) => `${key}=${describe(value)}`)
      const parts = [dim(time), level?.label ? paint(level.color, level.label.padEnd(5)) : '', String(entry.msg ?? ''), fields.length > 0 ? dim(fields.join(' ')) : '']
      sink.write(`${parts.filter(Boolean).join('  ')}\n`)
    },
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value
  // pino serialises errors as { type, message, stack }: the message is what a person needs here.
  if (value && typeof value === 'object' && 'message' in value && typeof value.message === 'string') return JSON.stringify(value.message)
  return JSON.stringify(value)
}
