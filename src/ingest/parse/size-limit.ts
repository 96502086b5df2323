import { AppError } from '../../platform/app-error.ts'
import { formatBytes } from '../../text/format-bytes.ts'

/** Refuses a file over the limit before any parser sees it (checked in the parent thread too, so it loads no parser). */
export function assertWithinSize(byteLength: number, maxBytes: number): void {
  if (byteLength > maxBytes) {
    throw new AppError('too_large', `it is larger than the ${formatBytes(maxBytes)} limit`, { context: { byteLength, maxBytes } })
  }
}
