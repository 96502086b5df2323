import { describe, expect, it } from 'vitest'
import { type IndexedEmail, combineEmailNotifiers, describeIndexedEmail, noopEmailNotifier } from './email-notifier.ts'

const event: IndexedEmail = {
  workspace: 'slack:T1',
  channel: 'C1',
  documentId: 'd',
  subject: 'Re: vendor contract',
  from: 'Jane Doe <jane@example.com>',
  status: 'indexed',
  error: null,
  parts: 2,
  partsIndexed: 2,
}

describe('describeIndexedEmail', () => {
  it('says what was indexed, from whom, with how many attachments', () => {
    expect(describeIndexedEmail(event)).toBe('📧 Indexed *Re: vendor contract* from Jane Doe (2 attachments)')
    expect(describeIndexedEmail({ ...event, parts: 0, from: null, subject: null })).toBe('📧 Indexed *(no subject)*')
  })

  it('says why when the message could not be indexed', () => {
    expect(describeIndexedEmail({ ...event, status: 'failed', error: { code: 'empty', message: 'the e-mail has no text and no attachments' } })).toBe(
      '📧 Could not index *Re: vendor contract* from Jane Doe: the e-mail has no text and no attachments',
    )
  })
})

describe('combineEmailNotifiers', () => {
  it('tells every chat adapter that is on (each ignores workspaces not its own), and is the no-op without any', async () => {
    const heard: string[] = []
    const combined = combineEmailNotifiers([{ onIndexed: async (e) => void heard.push(`a:${e.workspace}`) }, undefined, { onIndexed: async (e) => void heard.push(`b:${e.workspace}`) }])
    await combined.onIndexed(event)
    expect(heard).toEqual(['a:slack:T1', 'b:slack:T1'])
    expect(combineEmailNotifiers([undefined])).toBe(noopEmailNotifier)
  })
})
