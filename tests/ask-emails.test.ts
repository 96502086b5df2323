import { describe, expect, it } from 'vitest'
import { testDatabases } from './helpers/test-databases.ts'
import { ingestCorpus, useTestRuntime } from './helpers/test-runtime.ts'

// Two messages carry the same body text; only the subject of the one that forwards it tells them apart.
const files = ['email/forward-as-attachment-rfc822-with-pdf.eml', 'email/pdf-attachment-unicode-subject.eml', 'email/windows-1251-redacted-bad-date.eml']

describe.each(testDatabases())('questions about e-mails by their shape ($name)', (db) => {
  const runtime = useTestRuntime(db, async (rt) => {
    await ingestCorpus(rt, files)
  })

  it('finds the attachment of the message whose subject the question quotes', async () => {
    const result = await runtime().core.ask({
      question: "In the 'testing' mail that carries an older message as an attachment, what was the person who originally sent that PDF trying to figure out?",
      workspace: 'local',
      channel: null,
    })
    expect(result.grounded).toBe(true)
    expect(result.citations[0]?.source).toBe('email/forward-as-attachment-rfc822-with-pdf.eml › ForwardedMessage.eml')
    expect(result.answer).toContain('figure out what is going wrong')
  })

  it('finds a message by the script its charset writes', async () => {
    const result = await runtime().core.ask({ question: 'Which mail was written in Cyrillic?', workspace: 'local', channel: null })
    expect(result.citations[0]?.source).toBe('email/windows-1251-redacted-bad-date.eml')
  })
})
