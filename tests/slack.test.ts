import type { AddressInfo } from 'node:net'
import type { ServerType } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { HttpResponse, http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type SlackAdapter, createSlackAdapter } from '../adapters/slack/create-slack-adapter.ts'
import { selectRows } from '../src/store/db/database.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import type { Runtime } from '../src/runtime.ts'
import { readCorpus } from './helpers/corpus.ts'
import {
  BOT_TOKEN,
  type FakeFile,
  SIGNING_SECRET,
  TEAM,
  createSlackFake,
  eventEnvelope,
  fileShareEvent,
  mentionEvent,
  signed,
  slashCommand,
} from './helpers/slack-kit.ts'
import { serveSlackAdapter, testSlackTiming } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime } from './helpers/test-runtime.ts'

const fake = createSlackFake()
const mockServer = setupServer(
  ...fake.handlers,
  // The test talks to its own server for real; only third-party HTTP is intercepted.
  http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
)
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mockServer.close())

const auditQuestion = 'How long must the consultant keep records available for audit after final payment?'
const leaveQuestion = 'How many hours of annual leave accrue per pay period in the first 3 years?'
const contract: FakeFile = { id: 'F0CONTRACT', name: 'sample-contract.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }
const leave: FakeFile = { id: 'F0LEAVE01', name: '18f-handbook-leave.md', mimetype: 'text/markdown', filetype: 'markdown', size: 0 }
const encrypted: FakeFile = { id: 'F0LOCKED1', name: 'locked.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }

describe.each(testDatabases())('Slack adapter ($name)', (db) => {
  let runtime: Runtime
  let adapter: SlackAdapter
  let server: ServerType
  let base = ''
  let drop: () => Promise<void> = async () => {}

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    adapter = createSlackAdapter({
      core: runtime.core,
      orm: runtime.database.orm,
      logger: silentLogger,
      settings: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, answerBots: false },
      maxFileBytes: runtime.config.MAX_FILE_BYTES,
      timing: testSlackTiming,
    })
    server = await serveSlackAdapter(runtime, adapter)
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    for (const file of [contract, leave, encrypted]) {
      const bytes = readCorpus(corpusFor(file))
      file.size = bytes.byteLength
      fake.serveFile(file, bytes, file.mimetype)
    }
  })

  afterAll(async () => {
    await adapter?.stop()
    await new Promise((resolve) => server?.close(resolve))
    await runtime?.close()
    await drop()
  })

  beforeEach(() => {
    fake.calls.length = 0
    fake.responses.length = 0
  })

  const post = async (payload: Record<string, unknown>, options: Parameters<typeof signed>[1] = {}) =>
    await fetch(`${base}/slack/events`, signed(JSON.stringify(payload), options))
  const deliver = async (payload: Record<string, unknown>) => {
    const res = await post(payload)
    await adapter.idle()
    return res
  }
  const command = async (text: string, channel: string, user?: string) => {
    const res = await fetch(`${base}/slack/events`, signed(slashCommand(text, channel, user), { contentType: 'application/x-www-form-urlencoded' }))
    await adapter.idle()
    return res
  }
  const share = async (channel: string, channelType: string, file: FakeFile, user?: string) => {
    const event = fileShareEvent(channel, channelType, [file], user)
    expect((await deliver(eventEnvelope(event))).status).toBe(200)
    return event as { ts: string }
  }
  const replyText = (channel: string, ts: string) => fake.posts(channel, ts).map((c) => String(c.args.text)).join('\n')

  it('answers the URL verification challenge', async () => {
    const res = await post({ token: 'x', challenge: 'c0ffee', type: 'url_verification' })
    expect(await res.json()).toEqual({ challenge: 'c0ffee' })
  })

  it('refuses a bad signature with 401 and does nothing', async () => {
    const event = eventEnvelope(mentionEvent('C0PUBLIC1', auditQuestion))
    const res = await post(event, { secret: 'not-the-signing-secret' })
    await adapter.idle()
    expect(res.status).toBe(401)
    expect(fake.calls).toEqual([])
    const rows = await selectRows(runtime.database.orm, sql`select 1 from platform_events where event_id = ${String(event.event_id)}`)
    expect(rows).toHaveLength(0)
  })

  it('refuses a stale timestamp (replayed request) with 401', async () => {
    const res = await post(eventEnvelope(mentionEvent('C0PUBLIC1', auditQuestion)), { timestamp: Math.floor(Date.now() / 1000) - 600 })
    await adapter.idle()
    expect(res.status).toBe(401)
    expect(fake.calls).toEqual([])
  })

  it('indexes a file shared in a public channel: ⏳ then ✅ and one line in its thread', async () => {
    const message = await share('C0PUBLIC1', 'channel', contract)
    expect(fake.reactions('C0PUBLIC1', message.ts)).toEqual(['+hourglass_flowing_sand', '-hourglass_flowing_sand', '+white_check_mark'])
    expect(replyText('C0PUBLIC1', message.ts)).toMatch(/^Indexed \*sample-contract\.pdf\*: 10 pages, \d+ passages$/)
    const [doc] = await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: null })
    expect(doc).toMatchObject({ title: 'sample-contract.pdf', visibility: 'workspace', origin: 'slack', sharedBy: 'U0SHARER1' })
    expect(doc?.link).toBe(`https://acme.slack.com/archives/C0PUBLIC1/p${message.ts.replace('.', '')}`)
  })

  it('answers an @mention in its thread with sources, after 👀', async () => {
    const event = mentionEvent('C0OTHER01', auditQuestion)
    const res = await deliver(eventEnvelope(event))
    expect(res.status).toBe(200)
    expect(fake.reactions('C0OTHER01', String(event.ts))).toEqual(['+eyes'])
    const replies = fake.posts('C0OTHER01', String(event.ts))
    expect(replies).toHaveLength(1)
    const text = String(replies[0]?.args.text)
    expect(text).toMatch(/\*Sources\*/)
    expect(text).toMatch(/\[1\] \*sample-contract\.pdf\* — p\. 7 · <https:\/\/acme\.slack\.com\/archives\/C0PUBLIC1\/p\d+\|shared here>/)
    const blocks = replies[0]?.args.blocks as Array<{ type: string; text: { text: string } }>
    expect(blocks.every((b) => b.type === 'section' && b.text.text.length <= 3000)).toBe(true)
  })

  it('answers a redelivered event (X-Slack-Retry-Num) once, even when both arrive together', async () => {
    const envelope = eventEnvelope(mentionEvent('C0PUBLIC1', auditQuestion))
    const [first, retry, again] = await Promise.all([post(envelope), post(envelope, { retryNum: 1 }), post(envelope, { retryNum: 2 })])
    await adapter.idle()
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200])
    const event = envelope.event as { ts: string }
    expect(fake.posts('C0PUBLIC1', event.ts)).toHaveLength(1)
    expect(fake.reactions('C0PUBLIC1', event.ts)).toEqual(['+eyes'])
  })

  it('keeps a file shared in a private channel to that channel', async () => {
    const message = await share('G0PRIVATEA', 'group', leave)
    expect(fake.reactions('G0PRIVATEA', message.ts)).toContain('+white_check_mark')
    const inside = mentionEvent('G0PRIVATEA', leaveQuestion)
    const outside = mentionEvent('G0PRIVATEB', leaveQuestion)
    await deliver(eventEnvelope(inside))
    await deliver(eventEnvelope(outside))
    expect(replyText('G0PRIVATEA', String(inside.ts))).toMatch(/18f-handbook-leave\.md|Leave/)
    expect(replyText('G0PRIVATEA', String(inside.ts))).toMatch(/\*Sources\*/)
    const elsewhere = replyText('G0PRIVATEB', String(outside.ts))
    expect(elsewhere).toMatch(/^I couldn't find an answer/)
    expect(elsewhere).not.toMatch(/18f-handbook-leave/)
  })

  it('answers a follow-up in the thread with the earlier turn kept in the database', async () => {
    const first = mentionEvent('C0PUBLIC1', auditQuestion)
    await deliver(eventEnvelope(first))
    const followUp = mentionEvent('C0PUBLIC1', 'And who may terminate the agreement?', { thread_ts: first.ts })
    await deliver(eventEnvelope(followUp))
    expect(fake.posts('C0PUBLIC1', String(first.ts))).toHaveLength(2)
    const history = await runtime.core.threadHistory({ workspace: `slack:${TEAM}`, channel: 'C0PUBLIC1', thread: String(first.ts) })
    expect(history.map((t) => t.question)).toEqual([auditQuestion, 'And who may terminate the agreement?'])
  })

  it('says why it cannot read an encrypted PDF, with ❌', async () => {
    const message = await share('C0PUBLIC1', 'channel', encrypted)
    expect(fake.reactions('C0PUBLIC1', message.ts)).toEqual(['+hourglass_flowing_sand', '-hourglass_flowing_sand', '+x'])
    expect(replyText('C0PUBLIC1', message.ts)).toMatch(/^I can't read \*locked\.pdf\*: it is .*(encrypted|password)/i)
  })

  it('names the missing files:read scope when Slack answers its sign-in page', async () => {
    const file: FakeFile = { id: 'F0NOSCOPE', name: 'plan.md', mimetype: 'text/markdown', filetype: 'markdown', size: 120 }
    fake.serveFile(file, new TextEncoder().encode('<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in</body></html>'), 'text/html; charset=utf-8')
    mockServer.use(
      http.post('https://slack.com/api/files.info', () =>
        HttpResponse.json({ ok: false, error: 'missing_scope', needed: 'files:read', provided: 'app_mentions:read,chat:write,reactions:write' }),
      ),
    )
    const message = await share('C0PUBLIC1', 'channel', file)
    mockServer.resetHandlers()
    expect(fake.reactions('C0PUBLIC1', message.ts)).toContain('+x')
    expect(replyText('C0PUBLIC1', message.ts)).toMatch(/I can't read \*plan\.md\*: .*missing the `files:read` scope/)
    expect(await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: 'C0PUBLIC1' })).not.toContainEqual(expect.objectContaining({ title: 'plan.md' }))
  })

  it('waits Retry-After when chat.postMessage answers 429, then posts once', async () => {
    let attempts = 0
    mockServer.use(
      http.post('https://slack.com/api/chat.postMessage', () => {
        attempts++
        if (attempts === 1) return HttpResponse.json({ ok: false, error: 'ratelimited' }, { status: 429, headers: { 'Retry-After': '1' } })
        return undefined
      }),
    )
    const event = mentionEvent('C0PUBLIC1', auditQuestion)
    await deliver(eventEnvelope(event))
    mockServer.resetHandlers()
    expect(attempts).toBe(2)
    expect(fake.posts('C0PUBLIC1', String(event.ts))).toHaveLength(1)
  })

  it('ignores other bots and its own messages', async () => {
    const event = { ...fileShareEvent('C0PUBLIC1', 'channel', [leave]), bot_id: 'B0SOMEBOT' }
    await deliver(eventEnvelope(event))
    const mention = { ...mentionEvent('C0PUBLIC1', auditQuestion), bot_id: 'B0SOMEBOT' }
    await deliver(eventEnvelope(mention))
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([])
  })

  it('survives a malformed event and an empty mention', async () => {
    expect((await deliver(eventEnvelope({ type: 'app_mention', ts: '1.2' }))).status).toBe(200)
    expect((await post({ nonsense: true })).status).toBe(200)
    const res = await fetch(`${base}/slack/events`, signed('{not json'))
    expect(res.status).toBe(400)
    const empty = mentionEvent('C0PUBLIC1', '')
    await deliver(eventEnvelope(empty))
    expect(replyText('C0PUBLIC1', String(empty.ts))).toMatch(/Ask me a question after the mention/)
  })

  describe('/docuquery', () => {
    it('help, sources and stats answer ephemerally', async () => {
      expect((await command('help', 'C0PUBLIC1')).status).toBe(200)
      await command('sources', 'C0PUBLIC1')
      await command('stats', 'G0PRIVATEA')
      const [help, sources, stats] = fake.responses
      expect(help).toMatchObject({ response_type: 'ephemeral' })
      expect(String(help?.text)).toMatch(/\/docuquery forget <title or id>/)
      expect(String(sources?.text)).toMatch(/sample-contract\.pdf/)
      expect(String(sources?.text)).not.toMatch(/18f-handbook-leave/)
      expect(String(stats?.text)).toMatch(/2 documents indexed: \d+ pages?, \d+ passages/)
    })

    it('answers an unknown subcommand with help', async () => {
      await command('frobnicate now', 'C0PUBLIC1')
      expect(String(fake.responses[0]?.text)).toMatch(/^I don't know `\/docuquery frobnicate`/)
    })

    it('lets only the sharer or an admin forget a document', async () => {
      await command('forget sample-contract.pdf', 'C0PUBLIC1', 'U0STRANGER')
      expect(String(fake.responses[0]?.text)).toMatch(/^Only the person who shared \*sample-contract\.pdf\* \(<@U0SHARER1>\)/)
      expect(await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: null })).toContainEqual(expect.objectContaining({ title: 'sample-contract.pdf' }))
      await command('forget contract', 'C0PUBLIC1', 'U0SHARER1')
      expect(fake.responses[1]).toMatchObject({ response_type: 'in_channel' })
      expect(await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: null })).not.toContainEqual(expect.objectContaining({ title: 'sample-contract.pdf' }))
    })
  })

  it('forgets a document when its file is deleted in Slack', async () => {
    const before = await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: 'G0PRIVATEA' })
    expect(before).toContainEqual(expect.objectContaining({ source: '18f-handbook-leave.md' }))
    await deliver(eventEnvelope({ type: 'file_deleted', file_id: leave.id, ts: '1700000999.000100' }))
    const after = await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: 'G0PRIVATEA' })
    expect(after).not.toContainEqual(expect.objectContaining({ source: '18f-handbook-leave.md' }))
  })

  it('replaces a re-shared edited version with the same name in the same channel', async () => {
    const v1: FakeFile = { id: 'F0NOTESV1', name: 'notes.txt', mimetype: 'text/plain', filetype: 'text', size: 0 }
    const v2: FakeFile = { ...v1, id: 'F0NOTESV2' }
    const one = new TextEncoder().encode('The on-call rotation changes every Monday at nine.')
    const two = new TextEncoder().encode('The on-call rotation changes every Tuesday at ten.')
    fake.serveFile(v1, one, 'text/plain')
    fake.serveFile(v2, two, 'text/plain')
    await share('C0PUBLIC1', 'channel', { ...v1, size: one.byteLength })
    await share('C0PUBLIC1', 'channel', { ...v2, size: two.byteLength })
    const notes = (await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: null })).filter((d) => d.title === 'notes.txt')
    expect(notes).toHaveLength(1)
    const result = await runtime.core.ask({ question: 'When does the on-call rotation change?', workspace: `slack:${TEAM}`, channel: 'C0PUBLIC1' })
    expect(result.answer).toMatch(/Tuesday/)
    // Deleting the old version's file leaves the new version alone.
    await deliver(eventEnvelope({ type: 'file_deleted', file_id: v1.id, ts: '1700001999.000100' }))
    expect((await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: null })).filter((d) => d.title === 'notes.txt')).toHaveLength(1)
  })
})

function corpusFor(file: FakeFile): string {
  if (file === contract) return 'pdf/sample-contract.pdf'
  if (file === leave) return 'text/markdown/18f-handbook-leave.md'
  return 'pdf/encrypted-user-password-openpassword.pdf'
}
