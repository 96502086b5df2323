/**
 * Splits text into pieces of at most `maxChars` for chat platforms that cap a
 * message (Slack ~4,000 and 3,000 per block, Discord 2,000).
 *
 * Cuts prefer a blank line, then a line break, then a sentence end, then a
 * space; a cut never falls inside a citation marker like `[12]` or a
 * `<url|label>` link. A cut inside a ``` code block closes the fence at the end
 * of the piece and reopens it (with its language) at the start of the next, so
 * every piece renders as valid markdown on its own.
 */
export function splitMessage(text: string, maxChars: number, options: { firstMaxChars?: number } = {}): string[] {
  // `firstMaxChars` leaves room for something the caller puts before the first piece (a quoted question).
  const firstMax = Math.min(options.firstMaxChars ?? maxChars, maxChars)
  if (firstMax < 40) throw new RangeError('maxChars must be at least 40')
  const pieces: string[] = []
  let rest = text.trim()
  let reopen = '' // the fence line to reopen with, when the previous piece cut a code block
  while (rest.length > 0) {
    const available = (pieces.length === 0 ? firstMax : maxChars) - reopen.length
    if (rest.length <= available) {
      pieces.push(reopen + rest)
      break
    }
    // Reserve room for a closing fence in case the cut lands inside a code block.
    const limit = available - FENCE_CLOSE.length
    const cut = findCut(rest, limit)
    let head = rest.slice(0, cut).trimEnd()
    let tail = rest.slice(cut).replace(/^\s+/, '')
    const openFence = unclosedFence(reopen + head)
    if (openFence !== null) {
      head += FENCE_CLOSE
      // The next piece continues inside the code block; keep its leading indentation.
      tail = rest.slice(cut).replace(/^\n/, '')
    }
    pieces.push(reopen + head)
    reopen = openFence !== null ? `${openFence}\n` : ''
    rest = tail
  }
  return pieces.filter((p) => p.trim().length > 0)
}

const FENCE_CLOSE = '\n```'

/** The index to cut at: the best break at or before `limit`. */
function findCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1)
  const minimum = Math.floor(limit / 2) // never make a piece shorter than half the limit
  for (const pattern of [/\n\s*\n/g, /\n/g, /[.!?][)\]"”’]?\s/g, /\s/g]) {
    let best = -1
    for (const match of window.matchAll(pattern)) {
      const at = match.index + match[0].length
      if (at <= limit && at >= minimum && !insideToken(text, at)) best = at
    }
    if (best > 0) return best
  }
  let at = limit
  while (at > minimum && insideToken(text, at)) at--
  return at
}

/** Whether cutting at `at` would split a `[12]` citation or a `<url|label>` link. */
function insideToken(text: string, at: number): boolean {
  for (const [open, close, span] of [['[', ']', 8], ['<', '>', 400]] as const) {
    const start = text.lastIndexOf(open, at - 1)
    if (start < 0 || at - start > span) continue
    const end = text.indexOf(close, start)
    if (end >= at && !text.slice(start, at).includes('\n')) return true
  }
  return false
}

/** The opening fence line (e.g. "```ts") if `text` ends inside a code block, else null. */
export function unclosedFence(text: string): string | null {
  let open: string | null = null
  for (const line of text.split('\n')) {
    const match = /^\s*(```+)(.*)$/.exec(line)
    if (!match) continue
    open = open === null ? `${match[1]}${match[2]!.trim()}` : null
  }
  return open
}
