import yauzl from 'yauzl'
import { AppError } from '../../../platform/app-error.ts'

/** Limits that stop a decompression bomb before mammoth inflates anything. */
export interface ZipLimits {
  maxUncompressedBytes: number
  maxEntries: number
  /** Ratio above which a large archive is treated as a bomb. */
  maxRatio: number
  /** Archives smaller than this when unpacked are never judged by ratio (XML compresses well). */
  ratioCheckAboveBytes: number
}

export const defaultZipLimits: ZipLimits = {
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioCheckAboveBytes: 10 * 1024 * 1024,
}

export interface ZipSummary {
  entryNames: string[]
  uncompressedBytes: number
  compressedBytes: number
}

/**
 * Reads the ZIP central directory (no inflation) and refuses archives that
 * would unpack to too much. A broken archive is parse_failed.
 */
export async function inspectZip(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): Promise<ZipSummary> {
  const summary = await readCentralDirectory(bytes, limits)
  const { uncompressedBytes, compressedBytes } = summary
  if (uncompressedBytes > limits.maxUncompressedBytes) {
    throw new AppError('too_large', `it unpacks to more than ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB`, {
      context: { uncompressedBytes },
    })
  }
  const ratio = uncompressedBytes / Math.max(1, compressedBytes)
  if (uncompressedBytes > limits.ratioCheckAboveBytes && ratio > limits.maxRatio) {
    throw new AppError('too_large', 'it is compressed suspiciously well (a possible ZIP bomb)', {
      context: { uncompressedBytes, compressedBytes },
    })
  }
  return summary
}

function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): Promise<ZipSummary> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return new Promise((resolve, reject) => {
    const broken = (cause: unknown): void => {
      reject(new AppError('parse_failed', 'it is damaged (its ZIP structure is broken)', { cause }))
    }
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (openError, zip) => {
      if (openError) {
        broken(openError)
        return
      }
      const summary: ZipSummary = { entryNames: [], uncompressedBytes: 0, compressedBytes: 0 }
      zip.on('entry', (entry: yauzl.Entry) => {
        summary.entryNames.push(entry.fileName)
        summary.uncompressedBytes += entry.uncompressedSize
        summary.compressedBytes += entry.compressedSize
        if (summary.entryNames.length > limits.maxEntries) {
          zip.close()
          reject(new AppError('too_large', `it contains more than ${limits.maxEntries} files`))
          return
        }
        zip.readEntry()
      })
      zip.once('end', () => resolve(summary))
      zip.once('error', broken)
      zip.readEntry()
    })
  })
}
