import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { splitForwarded } from './forwarded-block.ts'
import { forwardedFilename, synthesizeMessage } from './synthesize-message.ts'

const gmailForward = [
  'See below.',
  '',
  '---------- Forwarded message ---------',
  'From: Jürgen Müller <jm@example.de>',
  'Date: Mon, Jan 5, 2015 at 10:00 AM',
  'Subject: Quartalsbericht für Q4',
  'To: Team <team@example.com>,',
  '  Other <other@example.com>',
  '',
  'Der Bericht ist fertig.',
  '',
].join('\n')

describe('splitForwarded', () => {
  it('cuts an inline forward out of the body and reads its header lines', () => {
    const { body, forwarded } = splitForwarded(gmailForward)
    expect(body.trim()).toBe('See below.')
    expect(forwarded?.headers).toEqual({
      from: 'Jürgen Müller <jm@example.de>',
      date: 'Mon, Jan 5, 2015 at 10:00 AM',
      subject: 'Quartalsbericht für Q4',
      to: 'Team <team@example.com>, Other <other@example.com>',
    })
    expect(forwarded?.body.trim()).toBe('Der Bericht ist fertig.')
  })

  it('understands Apple Mail’s quoted "Begin forwarded message:"', () => {
    const { forwarded } = splitForwarded('FYI\n\nBegin forwarded message:\n\n> From: A <a@x.org>\n> Subject: Hi\n>\n> Body here')
    expect(forwarded).toEqual({ headers: { from: 'A <a@x.org>', subject: 'Hi' }, body: 'Body here' })
  })

  it('reads an Outlook header block as the forward when the subject says FW:', () => {
    const text = 'Please read.\n\n________________________________\nFrom: Jane <jane@x.org>\nSent: Thursday, July 03, 2014 3:50 PM\nTo: Team\nSubject: Plan\n\nThe plan is ready.'
    expect(splitForwarded(text, { subjectSaysForward: true })).toEqual({
      body: 'Please read.\n',
      forwarded: {
        headers: { from: 'Jane <jane@x.org>', date: 'Thursday, July 03, 2014 3:50 PM', to: 'Team', subject: 'Plan' },
        body: 'The plan is ready.',
      },
    })
    expect(splitForwarded(text).forwarded).toBeNull()
  })

  it('leaves a body without a forward alone', () => {
    expect(splitForwarded('Just text')).toEqual({ body: 'Just text', forwarded: null })
  })
})

describe('synthesizeMessage', () => {
  it('builds an RFC 822 message that parses with its own sender, date and subject', async () => {
    const { forwarded } = splitForwarded(gmailForward)
    if (!forwarded) throw new Error('no forward found')
    const mail = await simpleParser(Buffer.from(synthesizeMessage(forwarded)))
    expect(mail.subject).toBe('Quartalsbericht für Q4')
    expect(mail.from?.value[0]).toEqual({ name: 'Jürgen Müller', address: 'jm@example.de' })
    expect(mail.date?.getUTCFullYear()).toBe(2015)
    expect(mail.text?.trim()).toBe('Der Bericht ist fertig.')
    expect(forwardedFilename(forwarded)).toBe('Quartalsbericht für Q4.eml')
  })
})
