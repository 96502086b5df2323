/**
 * A forwarded e-mail, delivered to the real inbound webhook on the service's
 * port, is announced by the Slack adapter in the channel its route maps to.
 */
import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EmailAdapter } from '../adapters/email/create-email-adapter.ts'
import type { Runtime } from '../src/runtime.ts'
import { buildEmailAdapter, writeRoutesFile } from './helpers/email-test-kit.ts'
import { TEAM, createSlackFake } from './helpers/slack-kit.ts'
import { type SlackService, startSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime } from './helpers/test-runtime.ts'

const slack = createSlackFake()
const mockServer = setupServer(...slack.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mockServer.close())

const INBOUND_TOKEN = 'inbound-token-0123456789abcdef'

/** A forwarded message with one attachment, as a mail provider's webhook posts it (raw MIME). */
function forwarded(to: string, subject: string, id: string): string {
  const boundary = 'b1_7f3a9c'
  return [
    'From: Jane Doe <jane@example.com>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${id}@example.com>`,
    'Date: Wed, 12 Mar 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Acme Supplies agreed to a 12% discount for a three-year term; the signed contract follows.',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8; name="terms.txt"',
    'Content-Disposition: attachment; filename="terms.txt"',
    '',
    // Other bytes per message: the same attachment twice in one scope is one document.
    `Payment terms (${id}): net 45 days from the date of invoice. Either party may end the contract with 90 days notice.`,
    `--${boundary}--`,
    '',
  ].join('\r\n')
}

describe.each(testDatabases())('e-mail announced in Slack ($name)', (db) => {
  let runtime: Runtime
  let service: SlackService
  let email: EmailAdapter
  let drop: () => Promise<void> = async () => {}

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    const routes = writeRoutesFile({
      routes: [
        { address: 'vendors@example.com', workspace: `slack:${TEAM}`, channel: 'C0VENDORS', notify: true },
        { address: 'quiet@example.com', workspace: `slack:${TEAM}`, channel: 'C0QUIET01', notify: false },
        { address: 'elsewhere@example.com', workspace: 'slack:T0NOTOURS', channel: 'C0ELSEWHR', notify: true },
      ],
    })
    // The e-mail door gets the Slack adapter's notifier, as src/main.ts wires it; both share the service's port.
    service = await startSlackService(runtime, {
      mounts: (adapter) => {
        email = buildEmailAdapter(
          runtime,
          { INBOUND_EMAIL_TOKEN: INBOUND_TOKEN, EMAIL_ROUTES_FILE: routes, EMAIL_ALLOWED_SENDERS: 'example.com' },
          { notifier: adapter.emailNotifier },
        )
        return email.mounts
      },
    })
  })
  afterAll(async () => {
    await email?.close()
    await service?.close()
    await runtime?.close()
    await drop()
  })
  beforeEach(() => {
    slack.calls.length = 0
  })

  const deliver = async (raw: string) => {
    const response = await fetch(`${service.base}/inbound/email?token=${INBOUND_TOKEN}`, { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } })
    expect(response.status).toBe(202)
    await email.settle()
  }

  it('posts "📧 Indexed …" in the mapped channel once the message and its attachment are indexed', async () => {
    await deliver(forwarded('vendors@example.com', 'Re: vendor contract', 'vendor-1'))
    const posts = slack.posts('C0VENDORS')
    expect(posts.map((p) => p.args.text)).toEqual(['📧 Indexed *Re: vendor contract* from Jane Doe (1 attachment)'])
    expect(posts[0]?.args.thread_ts).toBeUndefined()
    // Announced only once everything was searchable.
    const docs = await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: 'C0VENDORS' })
    expect(docs.map((d) => d.status)).toEqual(['indexed', 'indexed'])
  })

  it('escapes what the sender wrote, so a subject cannot ping the channel', async () => {
    await deliver(forwarded('vendors@example.com', 'Pricing <!channel> & terms', 'vendor-2'))
    expect(slack.posts('C0VENDORS').map((p) => p.args.text)).toEqual(['📧 Indexed *Pricing &lt;!channel&gt; &amp; terms* from Jane Doe (1 attachment)'])
  })

  it('posts nothing for routes without notify, or for a Slack team the bot has no token for', async () => {
    await deliver(forwarded('quiet@example.com', 'Quiet one', 'quiet-1'))
    await deliver(forwarded('elsewhere@example.com', 'Not our team', 'elsewhere-1'))
    expect(slack.called('chat.postMessage')).toEqual([])
    // Both were still indexed where their routes say.
    expect(await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: 'C0QUIET01' })).toHaveLength(2)
    expect(await runtime.core.listDocuments({ workspace: 'slack:T0NOTOURS', channel: 'C0ELSEWHR' })).toHaveLength(2)
  })
})
