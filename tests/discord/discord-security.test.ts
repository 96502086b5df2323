/**
 * Attachments are downloaded only from Discord's own origins (its CDN, or
 * DISCORD_API_URL's origin: here the local double), redirects included:
 * the real discord.js client, through the adapter, against the double.
 */
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { testDatabases } from '../helpers/test-databases.ts'
import { buildTestRuntime } from '../helpers/test-runtime.ts'
import type { AttachmentPayload, RecordedRequest } from './gateway-double.ts'
import { ACME, type DiscordHarness, GENERAL, alice, startDiscordHarness } from './discord-harness.ts'

type Body = { content?: string; message_reference?: { message_id?: string } }
const isReplyTo = (id: string) => (r: RecordedRequest) =>
  r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path) && r.status === 200 && (r.body as Body | null)?.message_reference?.message_id === id

const runbook = '# Key rotation\n\nRotate the billing API keys every ninety days, on the first Monday of the quarter.\n'

describe.each(testDatabases())('Discord attachment origins ($name)', (db) => {
  let runtime: Runtime
  let harness: DiscordHarness
  let drop: () => Promise<void>
  // The canary stands for anything inside the network the bot runs in.
  const canaryHits: string[] = []
  let canary: Server
  let canaryOrigin = ''

  beforeAll(async () => {
    canary = createServer((req, res) => {
      canaryHits.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'text/markdown' }).end(runbook)
    })
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve))
    canaryOrigin = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    harness = await startDiscordHarness(runtime.core)
  })
  afterAll(async () => {
    await harness?.close()
    await runtime?.close()
    await drop?.()
    await new Promise((resolve) => canary?.close(resolve))
  })
  beforeEach(() => {
    canaryHits.length = 0
  })

  const shareAndWait = async (attachment: AttachmentPayload) => {
    const sent = harness.double.sendMessage({ channelId: GENERAL, author: alice, content: 'sharing this', attachments: [attachment] })
    const reply = await harness.double.waitFor(isReplyTo(sent.id))
    return (reply.body as Body).content ?? ''
  }
  const sources = async () => (await runtime.core.listDocuments({ workspace: `discord:${ACME}` })).map((d) => d.source)

  it('refuses an attachment whose URL is not on Discord: the canary gets nothing', async () => {
    const url = `${canaryOrigin}/latest/meta-data/iam`
    const content = await shareAndWait({ id: '990000000000000001', filename: 'keys.md', size: runbook.length, url, proxy_url: url, content_type: 'text/markdown' })
    expect(content).toBe("I can't read *keys.md*: it is not stored in Discord, and I can only read files stored in Discord.")
    expect(canaryHits).toEqual([])
    expect(await sources()).not.toContain('keys.md')
  })

  it('does not follow a redirect from the CDN to anywhere else', async () => {
    const content = await shareAndWait(harness.double.addRedirect('moved.md', `${canaryOrigin}/admin`))
    expect(content).toMatch(/^I can't read \*moved\.md\*: .*I can only read files stored in Discord\.$/)
    expect(canaryHits).toEqual([])
    expect(await sources()).not.toContain('moved.md')
  })

  it('follows a redirect within its origins', async () => {
    const target = harness.double.addAttachment('rotation.md', new TextEncoder().encode(runbook), 'text/markdown')
    const content = await shareAndWait(harness.double.addRedirect('rotation.md', target.url))
    expect(content).toMatch(/^Indexed \*rotation\.md\*/)
    expect(await sources()).toContain('rotation.md')
  })
})
