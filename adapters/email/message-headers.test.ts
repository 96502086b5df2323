import { describe, expect, it } from 'vitest'
import { readMessageHeaders } from './message-headers.ts'

const raw = (...lines: string[]) => new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1'))

describe('readMessageHeaders', () => {
  it('reads Message-ID (without brackets), sender, subject and every recipient header', async () => {
    const headers = await readMessageHeaders(
      raw(
        'From: "Doe, Jane" <jane@example.com>',
        'To: a@example.com, Team: b@example.com, c@example.com;',
        'Cc: d@example.com',
        'Delivered-To: docs+C0123@example.com',
        'X-Original-To: docs@example.com',
        'Subject: =?utf-8?q?Re=3A_caf=C3=A9?=',
        'Message-ID: <abc.123@mail.example.com>',
        '',
        'body',
      ),
    )
    expect(headers).toEqual({
      messageId: 'abc.123@mail.example.com',
      subject: 'Re: café',
      from: 'Doe, Jane <jane@example.com>',
      fromAddress: 'jane@example.com',
      recipients: ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'docs+C0123@example.com', 'docs@example.com'],
    })
  })

  it('names a message without a usable Message-ID after its bytes', async () => {
    const one = await readMessageHeaders(raw('From: a@b.co', 'Message-ID: <has space@x>', '', 'one'))
    const two = await readMessageHeaders(raw('From: a@b.co', '', 'two'))
    expect(one.messageId).toMatch(/^sha256:[0-9a-f]{32}$/)
    expect(two.messageId).toMatch(/^sha256:[0-9a-f]{32}$/)
    expect(one.messageId).not.toBe(two.messageId)
  })

  it('accepts an mbox "From " line before the headers', async () => {
    expect((await readMessageHeaders(raw('From jane@example.com Mon Jan  1 00:00:00 2024', 'Subject: hi', '', 'x'))).subject).toBe('hi')
  })

  it('refuses bytes that do not start with a header block', async () => {
    await expect(readMessageHeaders(raw('hello there', '', 'x'))).rejects.toMatchObject({ reason: 'malformed', code: 'invalid_input' })
    await expect(readMessageHeaders(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]))).rejects.toMatchObject({ reason: 'malformed' })
  })
})
