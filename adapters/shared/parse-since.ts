import { AppError } from '../../src/index.ts'

const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const

/**
 * "7d", "12h", "30m", "2w" (or an ISO date) → the moment that long ago.
 * The CLI's `--since` and the admin API's `since=` read the same words.
 */
export function parseSince(value: string, now: Date = new Date()): Date {
  const trimmed = value.trim()
  const relative = /^(\d{1,5})\s*([mhdw])$/i.exec(trimmed)
  if (relative) {
    const unit = relative[2]!.toLowerCase() as keyof typeof unitMs
    return new Date(now.getTime() - Number(relative[1]) * unitMs[unit])
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const date = new Date(trimmed)
    if (!Number.isNaN(date.getTime())) return date
  }
  throw new AppError('invalid_input', `"${value}" is not a time span: use e.g. 30m, 12h, 7d, 2w or a date like 2026-11-01`)
}
