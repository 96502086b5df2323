/**
 * A forwarded e-mail, posted to the real inbound webhook, is announced by the
 * Discord adapter (the real discord.js client against the REST double) in the
 * channel its route maps to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminApp } from '../../adapters/admin/create-admin-app.ts'
import type { EmailAdapter } from '../../adapters/email/create-email-adapter.ts'
import { silentLogger } from '../../src/platform/log/logger.ts'
import { createMetrics } from '../../src/platform/metrics.ts'
import type { Runtime } from '../../src/runtime.ts'
import { buildEmailAdapter, writeRoutesFile } from '../helpers/email-test-kit.ts'
import { testDatabases } from '../helpers/test-databases.ts'
import { buildTestRuntime } from '../helpers/test-runtime.ts'
import { ACME, type DiscordHarness, GENERAL, OTHER_GENERAL, startDiscordHarness } from './discord-harness.ts'

const INBOUND_TOKEN = 'inbound-token-0123456789abcdef'

function mail(to: string, subject: string, id: string): string {
  return [
    'From: Jane Doe <jane@example.com>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${id}@example.com>`,
    'Date: Wed, 12 Mar 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `The vendor agreed to a 12% discount for a three-year term (${id}).`,
  ].join('\r\n')
}

describe.each(testDatabases())('e-mail announced in Discord ($name)', (db) => {
  let runtime: Runtime
  let harness: DiscordHarness
  let email: EmailAdapter
  let app: ReturnType<typeof createAdminApp>
  let drop: () => Promise<void>

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    harness = await startDiscordHarness(runtime.core)
    const routes = writeRoutesFile({
      routes: [
        { address: 'vendors@example.com', workspace: `discord:${ACME}`, channel: GENERAL, notify: true },
        // A mistake: the channel is another server's. The subject must not be posted there.
        { address: 'wrong@example.com', workspace: `discord:${ACME}`, channel: OTHER_GENERAL, notify: true },
      ],
    })
    email = buildEmailAdapter(runtime, { INBOUND_EMAIL_TOKEN: INBOUND_TOKEN, EMAIL_ROUTES_FILE: routes, EMAIL_ALLOWED_SENDERS: 'example.com' }, { notifier: harness.bot.emailNotifier })
    const metrics = createMetrics({ documentCounts: async () => ({}) })
    app = createAdminApp({ core: runtime.core, logger: silentLogger, metrics, adminToken: undefined, maxFileBytes: 50_000_000, isReady: async () => true, mounts: email.mounts })
  })
  afterAll(async () => {
    await email?.close()
    await harness?.close()
    await runtime?.close()
    await drop?.()
  })

  const deliver = async (raw: string) => {
    const response = await app.request(`/inbound/email?token=${INBOUND_TOKEN}`, { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } })
    expect(response.status).toBe(202)
    await email.settle()
  }
  const posts = (channel: string) =>
    harness.double.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${channel}/messages`).map((r) => (r.body as { content?: string; allowed_mentions?: unknown }))

  it('posts "📧 Indexed …" in the mapped channel, pinging nobody', async () => {
    await deliver(mail('vendors@example.com', 'Re: vendor contract @everyone', 'vendor-1'))
    expect(posts(GENERAL).map((p) => p.content)).toEqual(['📧 Indexed *Re: vendor contract @everyone* from Jane Doe'])
    expect(posts(GENERAL)[0]?.allowed_mentions).toEqual({ parse: [] })
  })

  it('posts nothing when the route names a channel of another server', async () => {
    await deliver(mail('wrong@example.com', 'Misrouted', 'wrong-1'))
    expect(posts(OTHER_GENERAL)).toEqual([])
    expect(await runtime.core.listDocuments({ workspace: `discord:${ACME}`, channel: OTHER_GENERAL })).toHaveLength(1)
  })
})
