/**
 * EMAIL_REQUIRE_AUTH through the real doors: nodemailer signs messages with
 * DKIM (an RSA key made here) and sends them over SMTP to the real listener,
 * or posts them to POST /inbound/email; mailauth verifies them against a DNS
 * table in this file (no network). A message that fails is refused and
 * counted; one that passes is indexed with its verified sender domain in the
 * passage citations quote.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { DNSResolver } from 'mailauth'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import type { EmailAdapter } from '../adapters/email/create-email-adapter.ts'
import { selectRows } from '../src/store/db/database.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createMetrics } from '../src/platform/metrics.ts'
import type { Runtime } from '../src/runtime.ts'
import { buildEmailAdapter, recordingCounters, sendExpectingRefusal, smtpClient } from './helpers/email-test-kit.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from './helpers/test-runtime.ts'

const TOKEN = 'inbound-token-auth-0123456789'

function rsaKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  }
}
const example = rsaKey()
const attacker = rsaKey()

/** The DNS the test controls: DKIM keys and DMARC policies; anything else does not exist. */
const dns = new Map<string, string[][]>([
  ['s1._domainkey.example.com|TXT', [[example.record]]],
  ['_dmarc.example.com|TXT', [['v=DMARC1; p=reject']]],
  ['s1._domainkey.attacker.test|TXT', [[attacker.record]]],
  ['_dmarc.attacker.test|TXT', [['v=DMARC1; p=none']]],
])
const resolver: DNSResolver = async (name, type) => {
  if (name === 'flaky._domainkey.example.com') throw Object.assign(new Error(`timeout for ${name}`), { code: 'ETIMEOUT' })
  const answer = dns.get(`${name.toLowerCase()}|${type}`)
  if (!answer) throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' })
  return answer
}

interface Mail {
  from?: string
  envelopeFrom?: string
  subject?: string
  text?: string
  sign?: { domainName: string; keySelector: string; privateKey: string }
}

const mailOptions = (mail: Mail) => ({
  from: mail.from ?? 'Jane Doe <jane@example.com>',
  to: 'docs@example.com',
  ...(mail.envelopeFrom ? { envelope: { from: mail.envelopeFrom, to: 'docs@example.com' } } : {}),
  subject: mail.subject ?? 'Badge office hours',
  text: mail.text ?? 'The badge office is open from eight until noon on weekdays.',
  messageId: `<${randomBytes(6).toString('hex')}@example.com>`,
})
const signedByExample = { domainName: 'example.com', keySelector: 's1', privateKey: example.privateKey }
const signedByAttacker = { domainName: 'attacker.test', keySelector: 's1', privateKey: attacker.privateKey }

/** The raw message nodemailer would send, DKIM-signed when asked. */
async function rawMessage(mail: Mail): Promise<string> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', ...(mail.sign ? { dkim: mail.sign } : {}) })
  const info = await transport.sendMail(mailOptions(mail))
  return (info.message as Buffer).toString('utf8')
}

describe.each(testDatabases())('EMAIL_REQUIRE_AUTH ($name)', (db) => {
  let runtime: Runtime
  let drop: () => Promise<void>
  let dkim: EmailAdapter
  let dmarc: EmailAdapter
  let port: number
  let app: ReturnType<typeof createAdminApp>
  const counts = recordingCounters()

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    // SMTP requires a DKIM signature; the webhook requires DMARC.
    dkim = buildEmailAdapter(runtime, { SMTP_PORT: '0', EMAIL_REQUIRE_AUTH: 'dkim', EMAIL_ALLOWED_SENDERS: 'example.com' }, { counters: counts.counters, resolver })
    const listening = await dkim.start()
    if (listening === null) throw new Error('SMTP listener did not start')
    port = listening
    dmarc = buildEmailAdapter(runtime, { INBOUND_EMAIL_TOKEN: TOKEN, EMAIL_REQUIRE_AUTH: 'dmarc' }, { counters: counts.counters, resolver })
    app = createAdminApp({
      core: runtime.core,
      logger: silentLogger,
      metrics: createMetrics({ documentCounts: async () => ({}) }),
      adminToken: 'admin-token-auth-0123456789',
      maxFileBytes: 10_000_000,
      isReady: async () => true,
      mounts: dmarc.mounts,
    })
  })

  afterAll(async () => {
    await dkim?.close()
    await dmarc?.close()
    await runtime?.close()
    await drop?.()
  })

  const send = (mail: Mail) => smtpClient(port).sendMail({ ...mailOptions(mail), ...(mail.sign ? { dkim: mail.sign } : {}) })
  const post = async (raw: string) => await app.request(`/inbound/email?token=${TOKEN}`, { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } })
  const titles = async () => (await runtime.core.listDocuments({ workspace: 'local' })).map((d) => d.title)
  const firstPassage = async (title: string) => {
    const doc = (await runtime.core.listDocuments({ workspace: 'local' })).find((d) => d.title === title)
    const rows = await selectRows<{ text: string }>(runtime.database.orm, sql`select text from chunks where document_id = ${doc?.id ?? ''} order by ordinal limit 1`)
    return { doc, text: rows[0]?.text ?? '' }
  }

  describe('dkim (SMTP)', () => {
    it('indexes a message signed by its From: domain, and the passage names the verified domain', async () => {
      const info = await send({ subject: 'Badge office hours', sign: signedByExample })
      expect(info.response).toMatch(/^250 /)
      await waitForIndexing(runtime)
      const { doc, text } = await firstPassage('Badge office hours')
      expect(doc).toMatchObject({ status: 'indexed', sharedBy: 'Jane Doe <jane@example.com> (verified: example.com)' })
      expect(text).toContain('From: Jane Doe <jane@example.com> (verified: example.com, DKIM)')
      const answer = await runtime.core.ask({ question: 'When is the badge office open?', workspace: 'local', channel: null })
      expect(answer.grounded).toBe(true)
      expect(answer.citations[0]?.title).toBe('Badge office hours')
    })

    it('refuses an unsigned message claiming an allowed sender with 550 5.7.22 at DATA, and counts it', async () => {
      const before = counts.get('smtp', 'refused_unauthenticated')
      const failure = await sendExpectingRefusal(() => send({ subject: 'Unsigned claim' }))
      expect(failure.responseCode).toBe(550)
      expect(failure.command).toBe('DATA')
      expect(failure.response).toMatch(/^550 5\.7\.22 .*it has no DKIM signature/)
      expect(counts.get('smtp', 'refused_unauthenticated')).toBe(before + 1)
      expect(await titles()).not.toContain('Unsigned claim')
    })

    it('refuses a valid signature by another domain than the From: domain', async () => {
      const failure = await sendExpectingRefusal(() => send({ subject: 'Signed by someone else', sign: signedByAttacker }))
      expect(failure.response).toMatch(/^550 5\.7\.22 .*no DKIM signature by example\.com verifies/)
      expect(await titles()).not.toContain('Signed by someone else')
    })

    it('judges EMAIL_ALLOWED_SENDERS by the verified From:, not by a claimed envelope', async () => {
      const failure = await sendExpectingRefusal(() =>
        send({ from: 'Eve <eve@attacker.test>', envelopeFrom: 'jane@example.com', subject: 'Envelope claims example.com', sign: signedByAttacker }),
      )
      expect(failure.response).toMatch(/^550 5\.7\.1 mail from eve@attacker\.test is not accepted/)
      expect(await titles()).not.toContain('Envelope claims example.com')
    })

    it('defers (451) when the DKIM key cannot be looked up, so the sender retries', async () => {
      const failure = await sendExpectingRefusal(() => send({ subject: 'Flaky DNS', sign: { ...signedByExample, keySelector: 'flaky' } }))
      expect(failure.responseCode).toBe(451)
      expect(failure.response).toMatch(/^451 4\.4\.3 /)
      expect(counts.get('smtp', 'refused_auth_unavailable')).toBe(1)
    })
  })

  describe('dmarc (POST /inbound/email)', () => {
    it('indexes a message that passes DMARC', async () => {
      const res = await post(await rawMessage({ subject: 'Parking permits', text: 'Parking permits are renewed every January.', sign: signedByExample }))
      expect(res.status).toBe(202)
      await waitForIndexing(runtime)
      const { text } = await firstPassage('Parking permits')
      expect(text).toContain('(verified: example.com, DMARC)')
    })

    it.each([
      ['unsigned', async () => await rawMessage({ subject: 'No signature' })],
      ['signed by another domain', async () => await rawMessage({ subject: 'Other domain', sign: signedByAttacker })],
      ['changed after signing', async () => (await rawMessage({ subject: 'Tampered', sign: signedByExample })).replace('eight until noon', 'nine until ten')],
    ])('refuses a message %s with 403, counted', async (_label, make) => {
      const before = counts.get('http', 'refused_unauthenticated')
      const res = await post(await make())
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/must pass DMARC/) }, reason: 'unauthenticated' })
      expect(counts.get('http', 'refused_unauthenticated')).toBe(before + 1)
    })

    it('nothing refused was stored', async () => {
      expect(await titles()).not.toEqual(expect.arrayContaining(['No signature']))
      expect((await titles()).filter((t) => ['No signature', 'Other domain', 'Tampered'].includes(t))).toEqual([])
    })
  })
})
