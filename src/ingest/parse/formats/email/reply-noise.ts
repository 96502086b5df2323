import { outlookHeaderBlockStart } from './outlook-header-block.ts'

/**
 * Removes what repeats other messages or says nothing about the subject: the
 * signature, quoted replies ("> ..."), an "On … wrote:" line, and Outlook's
 * "From: … Sent: …" quoted history. When nothing would be left, the text is
 * kept (unquoted) instead: a message that is only a quote still says something.
 */


const SIGNATURE_DELIMITER = /^-- ?$/
const ATTRIBUTION_START = /^\s*(On\s.+|Am\s.+|Le\s.+)$/
const ATTRIBUTION_END = /(wrote|schrieb|a écrit)\s*:\s*$/i
const QUOTED = /^\s*>/

export function trimReplyNoise(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const own = cutHistory(cutSignature(lines))
  const withoutQuotes = own.filter((line) => !QUOTED.test(line))
  if (withoutQuotes.some((line) => line.trim() !== '')) return withoutQuotes.join('\n')
  // Only quotes (or nothing): keep what there is, without the quote marks.
  return (own.length > 0 ? own : lines).map((line) => line.replace(/^\s*>+ ?/, '')).join('\n')
}

function cutSignature(lines: string[]): string[] {
  const at = lines.findIndex((line) => SIGNATURE_DELIMITER.test(line))
  return at > 0 && hasContent(lines.slice(0, at)) ? lines.slice(0, at) : lines
}

/** Cuts at the first quoted-history header, or drops the attribution line of an interleaved reply. */
function cutHistory(lines: string[]): string[] {
  const outlook = outlookHeaderBlockStart(lines)
  for (let i = 0; i < lines.length; i++) {
    if (i === outlook && hasContent(lines.slice(0, i))) return lines.slice(0, i)
    const attributionLength = attributionAt(lines, i)
    if (attributionLength > 0 && hasContent(lines.slice(0, i))) {
      return [...lines.slice(0, i), ...lines.slice(i + attributionLength)]
    }
  }
  return lines
}

/** "On Mon, 1 Jan 2024, Jane <jane@example.com> wrote:" — Gmail wraps it over two lines. */
function attributionAt(lines: readonly string[], i: number): number {
  const line = lines[i] ?? ''
  if (!ATTRIBUTION_START.test(line)) return 0
  if (ATTRIBUTION_END.test(line)) return 1
  const next = lines[i + 1] ?? ''
  return ATTRIBUTION_END.test(next) && !QUOTED.test(next) ? 2 : 0
}

function hasContent(lines: readonly string[]): boolean {
  return lines.some((line) => line.trim() !== '' && !QUOTED.test(line))
}
