import { outlookHeaderBlockStart } from './outlook-header-block.ts'

/**
 * An inline forward ("---------- Forwarded message ---------", "Begin forwarded
 * message:") is a message of its own pasted into the body. It is cut out so that
 * it can be indexed as its own document, with its own sender and date.
 */

export interface ForwardedHeaders {
  from?: string
  to?: string
  cc?: string
  date?: string
  subject?: string
}

export interface ForwardedBlock {
  headers: ForwardedHeaders
  body: string
}

export interface SplitBody {
  /** The message's own text, without the forwarded block. */
  body: string
  forwarded: ForwardedBlock | null
}

const FORWARD_MARKER =
  /^[ \t>]*(?:-{3,}[ \t]*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato)[ \t]*-*|Begin forwarded message:)[ \t]*$/im
const HEADER_FIELD = /^(From|To|Cc|Date|Sent|Subject)[ \t]*:[ \t]*(.*)$/i
const CONTINUATION = /^[ \t]+\S/

export interface SplitOptions {
  /** The subject says "Fwd:"/"FW:": an Outlook header block is then the forwarded message. */
  subjectSaysForward?: boolean
}

export function splitForwarded(text: string, options: SplitOptions = {}): SplitBody {
  const marker = FORWARD_MARKER.exec(text)
  if (marker) {
    const block = unquote(text.slice(marker.index + marker[0].length).replace(/^\r?\n/, ''))
    return { body: text.slice(0, marker.index), forwarded: parseBlock(block) }
  }
  if (options.subjectSaysForward) {
    const lines = text.split('\n')
    const start = outlookHeaderBlockStart(lines)
    if (start >= 0) {
      const headerStart = HEADER_FIELD.test(lines[start] ?? '') ? start : start + 1
      return { body: lines.slice(0, start).join('\n'), forwarded: parseBlock(lines.slice(headerStart).join('\n')) }
    }
  }
  return { body: text, forwarded: null }
}

function parseBlock(block: string): ForwardedBlock {
  const lines = block.split('\n')
  const headers: ForwardedHeaders = {}
  let i = 0
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++
  let lastKey: keyof ForwardedHeaders | null = null
  for (; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const field = HEADER_FIELD.exec(line)
    if (field) {
      lastKey = headerKey(field[1] ?? '')
      headers[lastKey] = (field[2] ?? '').trim()
    } else if (lastKey && CONTINUATION.test(line)) {
      headers[lastKey] = `${headers[lastKey] ?? ''} ${line.trim()}`
    } else {
      break
    }
  }
  return { headers, body: lines.slice(i).join('\n').replace(/^\s*\n/, '') }
}

function headerKey(name: string): keyof ForwardedHeaders {
  const key = name.toLowerCase()
  if (key === 'sent') return 'date'
  if (key === 'from' || key === 'to' || key === 'cc' || key === 'date') return key
  return 'subject'
}

/** Apple Mail and some others quote the forwarded block with "> "; remove that when every line has it. */
function unquote(block: string): string {
  const lines = block.split('\n')
  const quoted = lines.filter((line) => line.trim() !== '')
  if (quoted.length === 0 || !quoted.every((line) => line.startsWith('>'))) return block
  return lines.map((line) => line.replace(/^> ?/, '')).join('\n')
}
