import { describe, expect, it } from 'vitest'
import { describeError as cliWords } from '../cli/describe-error.ts'
import { describeDocumentFailure as discordWords } from '../discord/describe-error.ts'
import { describeFileError as slackWords } from '../slack/describe-error.ts'

// Every adapter says a document's failure in plain words, never "something went wrong" for a known code.
describe('each adapter explains an unreadable part', () => {
  const error = { code: 'unreadable', message: 'it is labelled application/pdf, but its contents are neither that nor readable text (it is damaged or wrongly encoded)' }

  it('Slack', () => {
    expect(slackWords('contract.pdf', error)).toBe(`I can't read *contract.pdf*: ${error.message}`)
  })

  it('Discord', () => {
    expect(discordWords('contract.pdf', error)).toBe(`I can't read *contract.pdf*: ${error.message}.`)
  })

  it('CLI', () => {
    expect(cliWords(error)).toBe(`damaged — ${error.message}`)
  })
})
