import { AppError } from '../../platform/app-error.ts'

/** Refuses a file over the limit before any parser sees it (checked in the parent thread too, so it loads no parser). */
export function assertWithinSize(byteLength: number, maxBytes: number): void {
  if (byteLength > maxBytes) {
    throw new AppError('too_large', `it is larger than the ${formatBytes(maxBytes)} limit`, { context: { byteLength, maxBytes } })
  }
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
  const kb = bytes / 1024
  return kb >= 1 ? `${Math.round(kb)} KB` : `${bytes} bytes`
}
