/**
 * A real SMTP client (nodemailer) talks to the real listener (smtp-server) in
 * front of the real core, on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmailAdapter } from '../adapters/email/create-email-adapter.ts'
import type { Runtime } from '../src/runtime.ts'
import { listCorpusFiles, readCorpus } from './helpers/corpus.ts'
import {
  buildEmailAdapter,
  recordingCounters,
  recordingNotifier,
  sendExpectingRefusal,
  smtpClient,
  writeRoutesFile,
} from './helpers/email-test-kit.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from './helpers/test-runtime.ts'

const MAX_EMAIL_BYTES = 3_000_000
const WORKSPACE = 'slack:T0TEAM'

const forwardedBody = [
  'Jane here: the decision on the vendor contract is below, and the signed contract is attached.',
  '',
  '---------- Forwarded message ---------',
  'From: Bob Vendor <bob@vendor.example>',
  'Date: Wed, 12 Mar 2025 at 10:15 AM',
  'Subject: Re: vendor contract',
  'To: Jane Doe <jane@example.com>',
  '',
  'We agreed that Acme Supplies gives us a twelve percent discount for a three-year term,',
  'provided the renewal is signed before the fourteenth of April.',
  '',
  '-- ',
  'Bob Vendor, Acme Supplies',
].join('\n')

const attachedMessage = [
  'From: Facilities <facilities@example.com>',
  'To: all@example.com',
  'Subject: Visitor parking',
  'Date: Mon, 10 Mar 2025 09:00:00 +0000',
  'Message-ID: <parking-2025@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Visitors park in the north garage on level three and register at the front desk.',
].join('\r\n')

describe.each(testDatabases())('SMTP inbound e-mail ($name)', (db) => {
  let runtime: Runtime
  let adapter: EmailAdapter
  let drop: () => Promise<void>
  let port: number
  const counts = recordingCounters()
  const notified = recordingNotifier()

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    const routes = writeRoutesFile({ routes: [{ address: 'docs+*@example.com', workspace: WORKSPACE, channel: '{tag}', notify: true }] })
    adapter = buildEmailAdapter(
      runtime,
      { SMTP_PORT: '0', EMAIL_ROUTES_FILE: routes, EMAIL_ALLOWED_SENDERS: 'example.com, partner@outside.example', MAX_EMAIL_BYTES: String(MAX_EMAIL_BYTES) },
      { counters: counts.counters, notifier: notified.notifier },
    )
    const listening = await adapter.start()
    if (listening === null) throw new Error('SMTP listener did not start')
    port = listening
  })

  afterAll(async () => {
    await adapter?.close()
    await runtime?.close()
    await drop?.()
  })

  const send = (options: Parameters<ReturnType<typeof smtpClient>['sendMail']>[0]) => smtpClient(port).sendMail(options)

  it('indexes a forwarded e-mail, its inline forward, its attached message and its PDF, linked and answerable in the channel', async () => {
    const messageId = `<vendor-${randomBytes(4).toString('hex')}@example.com>`
    const info = await send({
      from: 'Jane Doe <jane@example.com>',
      to: 'docs+C0VENDOR@example.com',
      subject: 'Fwd: Re: vendor contract',
      messageId,
      date: new Date('2025-03-12T11:00:00Z'),
      text: forwardedBody,
      attachments: [
        { filename: 'sample-contract.pdf', content: Buffer.from(readCorpus('pdf/sample-contract.pdf')), contentType: 'application/pdf' },
        { filename: 'parking.eml', content: attachedMessage, contentType: 'message/rfc822' },
      ],
    })
    const source = `email:${messageId.slice(1, -1)}`
    expect(info.response).toMatch(/^250 /)
    expect(info.response).toContain(source)

    // 250 means stored: the message is in the database before any indexing finished.
    const stored = await runtime.core.listDocuments({ workspace: WORKSPACE, channel: 'C0VENDOR' })
    expect(stored.map((d) => d.source)).toContain(source)

    await waitForIndexing(runtime)
    const [message] = (await runtime.core.listDocuments({ workspace: WORKSPACE, channel: 'C0VENDOR' })).filter((d) => d.source === source)
    expect(message).toMatchObject({ status: 'indexed', title: 'Fwd: Re: vendor contract', visibility: 'C0VENDOR', origin: 'email', sharedBy: 'Jane Doe <jane@example.com>' })
    expect(message?.metadata.email).toMatchObject({ from: 'Jane Doe <jane@example.com>', subject: 'Fwd: Re: vendor contract', date: '2025-03-12T11:00:00.000Z' })
    const parts = await runtime.core.listDocuments({ parentId: message?.id ?? '' })
    expect(parts.map((p) => [p.source, p.status])).toEqual([
      [`${source} › Re vendor contract.eml`, 'indexed'],
      [`${source} › sample-contract.pdf`, 'indexed'],
      [`${source} › parking.eml`, 'indexed'],
    ])
    expect(parts.every((p) => p.visibility === 'C0VENDOR')).toBe(true)
    // The forwarded message keeps its own sender, date and subject for citations.
    expect(parts[0]?.metadata.email).toMatchObject({ from: 'Bob Vendor <bob@vendor.example>', subject: 'Re: vendor contract' })

    const discount = await runtime.core.ask({ question: 'What discount does Acme Supplies give for a three-year term?', workspace: WORKSPACE, channel: 'C0VENDOR' })
    expect(discount.grounded).toBe(true)
    expect(discount.citations[0]?.source).toBe(`${source} › Re vendor contract.eml`)
    expect(discount.answer).toMatch(/twelve percent discount/)
    // The quoted signature was trimmed, not indexed.
    expect(discount.answer).not.toMatch(/Bob Vendor, Acme Supplies/)

    const audit = await runtime.core.ask({ question: 'How long must the consultant keep records available for audit after final payment?', workspace: WORKSPACE, channel: 'C0VENDOR' })
    expect(audit.citations[0]).toMatchObject({ source: `${source} › sample-contract.pdf`, page: 7 })

    const parking = await runtime.core.ask({ question: 'Where do visitors park?', workspace: WORKSPACE, channel: 'C0VENDOR' })
    expect(parking.citations[0]?.source).toBe(`${source} › parking.eml`)

    // Scope: another channel of the same workspace does not see it.
    const elsewhere = await runtime.core.ask({ question: 'What discount does Acme Supplies give for a three-year term?', workspace: WORKSPACE, channel: 'C0OTHER' })
    expect(elsewhere.citations.map((c) => c.source)).not.toContain(`${source} › Re vendor contract.eml`)

    // The notifier port heard about it once everything was indexed.
    await adapter.settle()
    const event = notified.events.find((e) => e.documentId === message?.id)
    expect(event).toMatchObject({ workspace: WORKSPACE, channel: 'C0VENDOR', status: 'indexed', subject: 'Fwd: Re: vendor contract', parts: 3, partsIndexed: 3 })
  })

  it('stores a redelivered message (same Message-ID, other bytes) once', async () => {
    const messageId = `<dup-${randomBytes(4).toString('hex')}@example.com>`
    const mail = { from: 'jane@example.com', to: 'docs+C0DUP@example.com', subject: 'Standup notes', messageId, text: 'The standup moves to 9:30 from Monday.' }
    await send(mail)
    const again = await send({ ...mail, headers: { Received: 'from relay.example.com by mx.example.com' } })
    expect(again.response).toMatch(/^250 /)
    await waitForIndexing(runtime)
    const docs = await runtime.core.listDocuments({ workspace: WORKSPACE, channel: 'C0DUP' })
    expect(docs.filter((d) => d.visibility === 'C0DUP').map((d) => d.source)).toEqual([`email:${messageId.slice(1, -1)}`])
    expect(counts.get('smtp', 'duplicate')).toBeGreaterThanOrEqual(1)
  })

  it('refuses a sender outside EMAIL_ALLOWED_SENDERS at MAIL FROM with 550 5.7.1, and counts it', async () => {
    const before = counts.get('smtp', 'refused_sender')
    const failure = await sendExpectingRefusal(() =>
      send({ envelope: { from: 'mallory@evil.example', to: ['docs+C0VENDOR@example.com'] }, from: 'jane@example.com', subject: 'hi', text: 'spam' }),
    )
    expect(failure.responseCode).toBe(550)
    expect(failure.command).toBe('MAIL FROM')
    expect(failure.response).toMatch(/5\.7\.1 mail from mallory@evil\.example is not accepted here/)
    expect(counts.get('smtp', 'refused_sender')).toBe(before + 1)
  })

  it('accepts a listed single address from an otherwise unlisted domain', async () => {
    const info = await send({ from: 'partner@outside.example', to: 'docs+C0PARTNER@example.com', subject: 'Partner note', text: 'Shipping resumes on Thursday.' })
    expect(info.response).toMatch(/^250 /)
  })

  it('refuses an unmapped recipient at RCPT TO with 550 5.1.1', async () => {
    const failure = await sendExpectingRefusal(() => send({ from: 'jane@example.com', to: 'random@elsewhere.example', subject: 'x', text: 'y' }))
    expect(failure.responseCode).toBe(550)
    expect(failure.command).toBe('RCPT TO')
    expect(failure.response).toMatch(/5\.1\.1/)
    expect(counts.get('smtp', 'refused_recipient')).toBeGreaterThanOrEqual(1)
  })

  it('refuses a message over MAX_EMAIL_BYTES with 552 5.3.4 and stores nothing of it', async () => {
    const before = counts.get('smtp', 'refused_size')
    const failure = await sendExpectingRefusal(() =>
      send({ from: 'jane@example.com', to: 'docs+C0BIG@example.com', subject: 'Huge', text: 'x'.repeat(MAX_EMAIL_BYTES + 1000) }),
    )
    expect(failure.responseCode).toBe(552)
    expect(failure.response).toMatch(/5\.3\.4 the message is larger than the 2\.9 MB limit/)
    expect(counts.get('smtp', 'refused_size')).toBe(before + 1)
    expect(await runtime.core.listDocuments({ workspace: WORKSPACE, channel: 'C0BIG' })).toEqual([])
  })

  it('refuses bytes that are not an e-mail with 554 5.6.0, and survives binary garbage', async () => {
    const envelope = { from: 'jane@example.com', to: ['docs+C0JUNK@example.com'] }
    const prose = await sendExpectingRefusal(() => send({ envelope, raw: 'just some words, no headers at all\r\n' }))
    expect(prose.responseCode).toBe(554)
    expect(prose.response).toMatch(/5\.6\.0 this is not an e-mail message/)
    // Random bytes open with something like "X7#:" about once in 450 runs, a header line that may be
    // accepted as a (strange) message: garbage that opens with a NUL byte never can.
    const garbage = randomBytes(4096)
    garbage[0] = 0
    const binary = await sendExpectingRefusal(() => send({ envelope, raw: garbage }))
    expect(binary.responseCode).toBeGreaterThanOrEqual(500)
    // Still serving.
    expect((await send({ from: 'jane@example.com', to: 'docs+C0JUNK@example.com', subject: 'ok', text: 'still here' })).response).toMatch(/^250 /)
  })

  it('records malformed MIME with a reason instead of crashing', async () => {
    const raw = [
      'From: jane@example.com',
      'To: docs+C0BROKEN@example.com',
      'Subject: Broken multipart',
      'Message-ID: <broken-mime@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="never-closed"',
      '',
      '--never-closed',
      'Content-Type: application/pdf; name="x.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      '!!!! not base64 at all ####',
      '--never-closed',
      'Content-Type: text/plain; charset=no-such-charset',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'The budget review =E9 is on Friday=',
    ].join('\r\n')
    const info = await send({ envelope: { from: 'jane@example.com', to: ['docs+C0BROKEN@example.com'] }, raw })
    expect(info.response).toMatch(/^250 /)
    await waitForIndexing(runtime)
    const docs = await runtime.core.listDocuments({ workspace: WORKSPACE, channel: 'C0BROKEN' })
    expect(docs.length).toBeGreaterThan(0)
    for (const doc of docs) {
      if (doc.status === 'failed') expect(doc.error?.message).toBeTruthy()
      else expect(doc.status).toBe('indexed')
    }
  })

  it('fails a part labelled PDF whose base64 is broken as unreadable, instead of indexing noise', async () => {
    const raw = [
      'From: jane@example.com',
      'To: docs+C0BADPDF@example.com',
      'Subject: Signed contract',
      `Message-ID: <bad-pdf-${randomBytes(4).toString('hex')}@example.com>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The signed contract is attached.',
      '--b1',
      'Content-Type: application/pdf; name="contract.pdf"',
      'Content-Disposition: attachment; filename="contract.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'This is not base64 at all -- the sender pasted the PDF as text!',
      '%PDF? no. Terms: payment within 30 days.',
      '--b1--',
      '',
    ].join('\r\n')
    expect((await send({ envelope: { from: 'jane@example.com', to: ['docs+C0BADPDF@example.com'] }, raw })).response).toMatch(/^250 /)
    await waitForIndexing(runtime)
    const docs = await runtime.core.listDocuments({ workspace: WORKSPACE, channel: 'C0BADPDF' })
    const part = docs.find((d) => d.source.endsWith(' › contract.pdf'))
    expect(part).toMatchObject({ status: 'failed', chunks: 0, error: { code: 'unreadable', message: expect.stringMatching(/labelled application\/pdf/) } })
    expect(docs.find((d) => d.parentId === null)).toMatchObject({ status: 'indexed', title: 'Signed contract' })
  })

  it('stores subject, sender and attachment names without control characters', async () => {
    const info = await send({
      from: { name: 'Jane\u001b[2J\u0007 Doe', address: 'jane@example.com' },
      to: 'docs+C0ESCAPE@example.com',
      subject: 'Budget\u001b]8;;https://evil.example/\u0007 review\u001b]8;;\u0007',
      text: 'The budget review moves to Thursday afternoon.',
      attachments: [{ filename: 'notes\u001b[31m\u0007.txt', content: 'Bring the quarterly figures to the budget review.', contentType: 'text/plain' }],
    })
    expect(info.response).toMatch(/^250 /)
    await waitForIndexing(runtime)
    const docs = await runtime.core.listDocuments({ workspace: WORKSPACE, channel: 'C0ESCAPE' })
    const controls = /[\u0000-\u001f\u007f-\u009f]/
    expect(docs.length).toBe(2)
    for (const doc of docs) {
      for (const field of [doc.title, doc.source, doc.sharedBy ?? '']) expect(field).not.toMatch(controls)
    }
    const message = docs.find((d) => d.parentId === null)
    expect(message).toMatchObject({ title: expect.stringMatching(/^Budget.* review/), sharedBy: expect.stringContaining('Jane Doe') })
    expect(docs.find((d) => d.parentId !== null)?.source).toMatch(/ › notes\.txt$/)
  })

  it('takes every .eml of the shared corpus: indexed, or failed or refused with a reason', async () => {
    const files = (await listCorpusFiles(['email'])).filter((f) => f.endsWith('.eml'))
    expect(files.length).toBeGreaterThan(30)
    const refused: string[] = []
    for (const file of files) {
      try {
        const info = await send({ envelope: { from: 'jane@example.com', to: ['docs+C0CORPUS@example.com'] }, raw: Buffer.from(readCorpus(file)) })
        expect(info.response, file).toMatch(/^250 /)
      } catch (error) {
        const failure = error as { responseCode?: number; response?: string }
        expect(failure.responseCode, `${file}: ${failure.response}`).toBeGreaterThanOrEqual(500)
        expect(failure.response, file).toMatch(/^5\d\d 5\.\d\.\d \w+/)
        refused.push(file)
      }
    }
    // Every corpus file is a real message with a header block: none is refused at SMTP time.
    expect(refused).toEqual([])
    await waitForIndexing(runtime)
    const docs = await runtime.core.listDocuments({ workspace: WORKSPACE, channel: 'C0CORPUS', limit: 1000 })
    const messages = docs.filter((d) => d.parentId === null)
    expect(messages.length).toBeGreaterThanOrEqual(files.length - 5) // a few corpus files share a Message-ID
    // What cannot be read says why (a TNEF winmail.dat, a scanned PDF), like any other document.
    expect(docs.some((d) => d.error?.code === 'unsupported_type' && /winmail\.dat \(TNEF\)/.test(d.error.message))).toBe(true)
    expect(docs.some((d) => d.error?.code === 'no_text' && d.source.endsWith(' › document.pdf'))).toBe(true)
    for (const doc of docs) {
      expect(['indexed', 'failed'], `${doc.source}`).toContain(doc.status)
      if (doc.status === 'failed') expect(doc.error?.message, doc.source).toMatch(/\w/)
    }
    // Charsets survive the trip through SMTP.
    const japanese = await runtime.core.ask({ question: 'すみません', workspace: WORKSPACE, channel: 'C0CORPUS' })
    expect(japanese.citations.map((c) => c.title)).toContain('まみむめも')
    const fable = messages.filter((d) => d.title.startsWith('Die Hasen und die Frösche'))
    expect(fable.length).toBeGreaterThan(0)
  })
})

describe.each(testDatabases())('SMTP when the database fails ($name)', (db) => {
  it('answers 451 4.3.0 so the sender retries, and stores nothing', async () => {
    const created = await db.create()
    const runtime = await buildTestRuntime(created.database)
    const counts = recordingCounters()
    const adapter = buildEmailAdapter(runtime, { SMTP_PORT: '0' }, { counters: counts.counters })
    const port = await adapter.start()
    try {
      await created.database.close()
      const failure = await sendExpectingRefusal(() => smtpClient(port ?? 0).sendMail({ from: 'a@example.com', to: 'docs@example.com', subject: 'x', text: 'Quarterly numbers.' }))
      expect(failure.responseCode).toBe(451)
      expect(failure.response).toMatch(/4\.3\.0 the message could not be stored just now; please try again later/)
      expect(counts.get('smtp', 'refused_temporary')).toBe(1)
    } finally {
      await adapter.close()
      await runtime.close().catch(() => {})
      await created.drop().catch(() => {})
    }
  })
})

describe('SMTP STARTTLS', () => {
  it('offers STARTTLS with SMTP_TLS_CERT and SMTP_TLS_KEY, and only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-smtp-tls-'))
    const cert = join(dir, 'cert.pem')
    const key = join(dir, 'key.pem')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' })
    const [db] = testDatabases({})
    if (!db) throw new Error('no database')
    const created = await db.create()
    const runtime = await buildTestRuntime(created.database)
    const withTls = buildEmailAdapter(runtime, { SMTP_PORT: '0', SMTP_TLS_CERT: cert, SMTP_TLS_KEY: key })
    const without = buildEmailAdapter(runtime, { SMTP_PORT: '0' })
    try {
      const mail = { from: 'a@example.com', to: 'docs@example.com', subject: 'tls', text: 'Sent over TLS.' }
      const securePort = await withTls.start()
      const info = await nodemailerRequiringTls(securePort ?? 0).sendMail(mail)
      expect(info.response).toMatch(/^250 /)
      const plainPort = await without.start()
      await expect(nodemailerRequiringTls(plainPort ?? 0).sendMail(mail)).rejects.toThrow(/STARTTLS/)
    } finally {
      await withTls.close()
      await without.close()
      await runtime.close()
      await created.drop()
    }
  })

  it('refuses half a certificate pair at start-up', async () => {
    const [db] = testDatabases({})
    if (!db) throw new Error('no database')
    const created = await db.create()
    const runtime = await buildTestRuntime(created.database)
    try {
      expect(() => buildEmailAdapter(runtime, { SMTP_PORT: '0', SMTP_TLS_CERT: '/tmp/cert.pem' })).toThrow(/SMTP_TLS_CERT and SMTP_TLS_KEY must be set together/)
    } finally {
      await runtime.close()
      await created.drop()
    }
  })
})

function nodemailerRequiringTls(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } })
}
