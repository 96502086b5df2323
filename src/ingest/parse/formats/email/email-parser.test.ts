import { describe, expect, it } from 'vitest'
import { parseEmail } from './email-parser.ts'

const message = (...lines: string[]): Uint8Array => Buffer.from(['MIME-Version: 1.0', ...lines].join('\r\n'), 'latin1')
const body = (blocks: readonly { text: string }[]): string[] => blocks.slice(1).map((b) => b.text)

describe('parseEmail', () => {
  it('gives e-mail meta, a header paragraph, then the body', async () => {
    const document = await parseEmail(
      message(
        'From: "Doe, Jane" <jane@example.com>',
        'To: team@example.com',
        'Subject: Release plan',
        'Date: Tue, 2 Jan 2024 10:00:00 +0100',
        'Message-ID: <abc@example.com>',
        '',
        'We ship on Friday.',
      ),
    )
    expect(document.kind).toBe('email')
    expect(document.title).toBe('Release plan')
    expect(document.email).toEqual({
      subject: 'Release plan',
      from: 'Doe, Jane <jane@example.com>',
      date: '2024-01-02T09:00:00.000Z',
      messageId: '<abc@example.com>',
    })
    expect(document.blocks[0]?.text).toBe('From: Doe, Jane <jane@example.com>\nDate: 2024-01-02T09:00:00.000Z\nSubject: Release plan')
    expect(body(document.blocks)).toEqual(['We ship on Friday.'])
  })

  it('reads raw 8-bit Latin-1 headers instead of showing U+FFFD', async () => {
    const document = await parseEmail(message('From: a@b.c', 'Subject: Die Hasen und die Fr\xf6sche', '', 'x'))
    expect(document.title).toBe('Die Hasen und die Frösche')
  })

  it('decodes UTF-7 bodies and subjects that libmime refuses', async () => {
    const document = await parseEmail(
      message('From: a@b.c', 'Subject: =?utf-7?Q?Fr+APY-sche?=', 'Content-Type: text/plain; charset="utf-7"', '', 'Die Hasen klagten +APw-ber ihre Lage'),
    )
    expect(document.title).toBe('Frösche')
    expect(body(document.blocks)).toEqual(['Die Hasen klagten über ihre Lage'])
  })

  it('uses the HTML body when there is no text part', async () => {
    const document = await parseEmail(message('From: a@b.c', 'Content-Type: text/html', '', '<style>p{}</style><p>Hello <b>there</b></p><p>Second</p>'))
    expect(body(document.blocks)).toEqual(['Hello there', 'Second'])
  })

  it('makes an inline forward a message/rfc822 part of its own and removes it from the body', async () => {
    const document = await parseEmail(
      message('From: a@b.c', 'Subject: Fwd: Budget', '', 'FYI', '', '---------- Forwarded message ---------', 'From: Bob <bob@x.org>', 'Subject: Budget', '', 'Numbers attached.'),
    )
    expect(body(document.blocks)).toEqual(['FYI'])
    expect(document.parts).toHaveLength(1)
    expect(document.parts[0]).toMatchObject({ filename: 'Budget.eml', mimeType: 'message/rfc822' })
    const forwarded = await parseEmail(document.parts[0]?.bytes ?? new Uint8Array())
    expect(forwarded.email?.from).toBe('Bob <bob@x.org>')
    expect(body(forwarded.blocks)).toEqual(['Numbers attached.'])
  })

  it('keeps attachments and embedded messages as parts, and skips signatures, cid images and calendar alternatives', async () => {
    const document = await parseEmail(
      message(
        'From: a@b.c',
        'Subject: Parts',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: multipart/related; boundary="b2"',
        '',
        '--b2',
        'Content-Type: text/html',
        '',
        '<p>See <img src="cid:logo@x"></p>',
        '--b2',
        'Content-Type: image/png',
        'Content-ID: <logo@x>',
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0KGgo=',
        '--b2--',
        '--b1',
        'Content-Type: text/calendar; method=REQUEST',
        '',
        'BEGIN:VCALENDAR',
        '--b1',
        'Content-Type: application/pdf; name="report.pdf"',
        'Content-Disposition: attachment; filename="report.pdf"',
        '',
        '%PDF-1.4 fake',
        '--b1',
        'Content-Type: message/rfc822',
        'Content-Disposition: inline',
        '',
        'From: c@d.e',
        'Subject: Inner note',
        '',
        'Inner body',
        '--b1',
        'Content-Type: application/pgp-signature',
        '',
        '-----BEGIN PGP SIGNATURE-----',
        '--b1--',
      ),
    )
    expect(document.parts.map((p) => [p.filename, p.mimeType])).toEqual([
      ['report.pdf', 'application/pdf'],
      ['Inner note.eml', 'message/rfc822'],
    ])
    expect(body(document.blocks)).toEqual(['See'])
  })

  it('finds the parts of a digest whose boundary lines carry trailing spaces', async () => {
    const document = await parseEmail(
      message('From: a@b.c', 'Subject: Digest', 'Content-Type: multipart/digest; boundary="foo"', '', '--foo ', '', 'From: m1@x', 'Subject: m1', '', 'm1 body', '--foo ', '', 'From: m2@x', 'Subject: m2', '', 'm2 body', '--foo--'),
    )
    expect(document.parts.map((p) => p.filename)).toEqual(['m1.eml', 'm2.eml'])
  })

  it('decodes x-uuencode attachments that mailparser leaves encoded', async () => {
    const document = await parseEmail(
      message('From: a@b.c', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'see file', '--b', 'Content-Type: text/plain; name="hi.txt"', 'Content-Disposition: attachment; filename="hi.txt"', 'Content-Transfer-Encoding: x-uuencode', '', 'begin 644 hi.txt', '&:&5L;&\\*', '`', 'end', '--b--'),
    )
    expect(Buffer.from(document.parts[0]?.bytes ?? []).toString()).toBe('hello\n')
  })

  it('drops a date that cannot be real', async () => {
    const document = await parseEmail(message('From: a@b.c', 'Date: Sat, 30 Jun 3609 09:33:50 +0000', '', 'text'))
    expect(document.email?.date).toBeNull()
  })

  it('says empty for a message with no text and no attachments', async () => {
    await expect(parseEmail(message('From: a@b.c', 'Subject: nothing', '', '   '))).rejects.toMatchObject({ code: 'empty' })
  })
})
