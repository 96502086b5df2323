import { type Failure, type PlatformText, describeFileFailure, describeRequestFailure } from '../shared/error-words.ts'

// Core messages are shown as they are: the adapter's own (forget) already escape the names they quote.
const discordText: PlatformText = { platform: 'Discord', escape: (text) => text, fileName: (name) => `*${escapeName(name)}*` }

/** The adapter's one place that turns error codes into words for people (see adapters/shared/error-words.ts). */
export function describeDocumentFailure(filename: string, error: Failure): string {
  return describeFileFailure(filename, error, discordText)
}

/** Words for a failed question or command; never a raw exception message. */
export function describeError(error: unknown): string {
  return describeRequestFailure(error, discordText)
}

/** File names go inside *…*: keep them from closing the emphasis or pinging anyone. */
export const escapeName = (name: string) => name.replace(/[*_`~|\\]/g, (c) => `\\${c}`).replace(/@/g, '@\u200b')
