const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const units: ReadonlyArray<[number, string]> = [
  [365 * DAY, 'year'],
  [30 * DAY, 'month'],
  [7 * DAY, 'week'],
  [DAY, 'day'],
  [HOUR, 'hour'],
  [MINUTE, 'minute'],
]

/** "3 months ago": how old a shared document is, coarse on purpose (a source line, not a timestamp). */
export function timeAgo(iso: string, now: number): string | null {
  const at = Date.parse(iso)
  if (!Number.isFinite(at)) return null
  const age = Math.max(0, now - at)
  for (const [size, unit] of units) {
    const n = Math.floor(age / size)
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`
  }
  return 'just now'
}
