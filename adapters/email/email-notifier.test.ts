import { describe, expect, it } from 'vitest'
import { type IndexedEmail, describeIndexedEmail } from './email-notifier.ts'

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
