import { type PlatformText, describeFileFailure, describeRequestFailure } from '../shared/error-words.ts'
import { escapeMrkdwn } from './format.ts'

const slackText: PlatformText = { platform: 'Slack', escape: escapeMrkdwn, fileName: (name) => `*${escapeMrkdwn(name)}*` }

/** Why a shared file was not indexed, in words: "I can't read *scan.pdf*: it has no text layer (…)". */
export function describeFileError(filename: string, error: { code: string; message: string }): string {
  return describeFileFailure(filename, error, slackText)
}

/** The one place a failed question or command becomes words for the channel. */
export function describeAskError(error: unknown): string {
  return describeRequestFailure(error, slackText)
}
