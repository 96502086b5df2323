/**
 * What an event may make the Slack adapter do, through signed requests to the
 * real Bolt receiver on the admin server: files are fetched only from Slack's
 * own origins (files.slack.com and SLACK_API_URL's origin, port included),
 * redirects are followed only within them, the bot token goes nowhere else,
 * and a request stamped too far from now, either way, does nothing.
 */
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpResponse, http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Runtime } from '../src/runtime.ts'
import { BOT_TOKEN, type FakeFile, TEAM, createSlackFake, fileShareEvent, fileUrl, mentionEvent, signed } from './helpers/slack-kit.ts'
import { type SlackService, startSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime } from './helpers/test-runtime.ts'

interface Hit {
  url: string
  headers: IncomingHttpHeaders
}

/** A real HTTP server on its own port that records every request it gets. */
async function startRecorder(handle: (url: string, res: import('node:http').ServerResponse) => void = (_url, res) => res.end('{"documents":[]}')) {
  const hits: Hit[] = []
  const server: Server = createServer((req, res) => {
    hits.push({ url: req.url ?? '', headers: req.headers })
    handle(req.url ?? '', res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { hits, origin, close: () => new Promise((resolve) => server.close(resolve)) }
}

const handbook = '# Expenses\n\nReceipts for travel expenses must be filed within thirty days of the trip.\n'

// The canary stands for anything inside the network: the admin API, a metadata service, a database port.
const canary = await startRecorder()
// "GovSlack": the origin of SLACK_API_URL, which also serves files (scheme, host and port must all match).
const gov = await startRecorder((url, res) => {
  if (url.startsWith('/files-pri/moved/')) {
    res.writeHead(302, { location: url.replace('/files-pri/moved/', '/files-pri/') }).end()
  } else if (url.startsWith('/files-pri/to-canary/')) {
    res.writeHead(302, { location: `${canary.origin}/api/documents` }).end()
  } else if (url.startsWith('/files-pri/')) {
    // Each path its own bytes, so each file is a new document.
    res.writeHead(200, { 'content-type': 'text/markdown' }).end(`${handbook}\nFiled under ${url}.\n`)
  } else {
    res.writeHead(404).end()
  }
})
const apiUrl = `${gov.origin}/api/`

const sameHostTarget: FakeFile = { id: 'F0TARGET1', name: 'expenses.md', mimetype: 'text/markdown', filetype: 'markdown', size: handbook.length }
const fake = createSlackFake(apiUrl)
const mockServer = setupServer(
  // Slack's own file host redirecting elsewhere (before the fake's file handler, which would answer 404).
  http.get('https://files.slack.com/files-pri/T0DOCUQ01-F0REDIR01/*', () => new HttpResponse(null, { status: 302, headers: { location: `${canary.origin}/latest/meta-data/` } })),
  http.get('https://files.slack.com/files-pri/T0DOCUQ01-F0HOP0001/*', () => new HttpResponse(null, { status: 302, headers: { location: fileUrl(sameHostTarget) } })),
  ...fake.handlers,
  // Local servers are real: a download the adapter should not make would reach them.
  http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
)
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  mockServer.close()
  await canary.close()
  await gov.close()
})

const file = (id: string, name: string): FakeFile => ({ id, name, mimetype: 'text/markdown', filetype: 'markdown', size: handbook.length })

/** A file_share event whose file URLs are the given ones (what a forged or hostile event would carry). */
function shareAt(channel: string, f: FakeFile, url: string): Record<string, unknown> {
  const event = fileShareEvent(channel, 'channel', [f])
  const files = event.files as Array<Record<string, unknown>>
  event.files = files.map((entry) => ({ ...entry, url_private: url, url_private_download: url }))
  return event
}

describe.each(testDatabases())('Slack security ($name)', (db) => {
  let runtime: Runtime
  let slack: SlackService
  let base = ''
  let drop: () => Promise<void> = async () => {}

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    slack = await startSlackService(runtime, { apiUrl })
    base = slack.base
    fake.serveFile(sameHostTarget, new TextEncoder().encode(handbook), 'text/markdown')
  })

  afterAll(async () => {
    await slack?.close()
    await runtime?.close()
    await drop()
  })

  beforeEach(() => {
    fake.calls.length = 0
    canary.hits.length = 0
    gov.hits.length = 0
  })

  const deliver = (event: Record<string, unknown>, timestamp?: number) => slack.deliver(event, timestamp)

  const reply = (channel: string, ts: unknown) =>
    fake.posts(channel, String(ts)).map((c) => String(c.args.text)).join('\n')
  const documents = () => runtime.core.listDocuments({ workspace: `slack:${TEAM}` })

  it('refuses a file whose URL points at another port on this machine: the canary gets nothing', async () => {
    const event = shareAt('C0PUBLIC1', file('F0CANARY1', 'admin.md'), `${canary.origin}/api/documents`)
    expect((await deliver(event)).status).toBe(200)
    expect(canary.hits).toEqual([])
    expect(reply('C0PUBLIC1', event.ts)).toBe("I can't read *admin.md*: it is not stored in Slack, and I can only read files stored in Slack.")
    expect(fake.reactions('C0PUBLIC1', String(event.ts))).toContain('+x')
    expect(await documents()).toEqual([])
  })

  it('refuses other schemes and hosts that only look like Slack', async () => {
    for (const url of [
      'http://files.slack.com/files-pri/T0DOCUQ01-F0X/a.md',
      'https://files.slack.com.evil.example/files-pri/a.md',
      'https://files.slack.com:8443/files-pri/a.md',
      'file:///etc/passwd',
      `${gov.origin.replace('127.0.0.1', 'localhost')}/files-pri/a.md`,
    ]) {
      const event = shareAt('C0PUBLIC1', file('F0LOOKALI', 'a.md'), url)
      await deliver(event)
      expect(reply('C0PUBLIC1', event.ts), url).toMatch(/I can only read files stored in Slack\.$/)
    }
    expect(gov.hits).toEqual([])
    expect(await documents()).toEqual([])
  })

  it('does not follow a redirect from files.slack.com to anywhere else', async () => {
    const f = file('F0REDIR01', 'moved.md')
    const event = shareAt('C0PUBLIC1', f, fileUrl(f))
    await deliver(event)
    expect(canary.hits).toEqual([])
    expect(reply('C0PUBLIC1', event.ts)).toMatch(/I can't read \*moved\.md\*: .*I can only read files stored in Slack/)
    expect(await documents()).toEqual([])
  })

  it('does not follow a redirect from the SLACK_API_URL origin to another port', async () => {
    const event = shareAt('C0PUBLIC1', file('F0REDIR02', 'away.md'), `${gov.origin}/files-pri/to-canary/away.md`)
    await deliver(event)
    expect(gov.hits.map((h) => h.url)).toEqual(['/files-pri/to-canary/away.md'])
    expect(canary.hits).toEqual([])
    expect(reply('C0PUBLIC1', event.ts)).toMatch(/I can only read files stored in Slack/)
  })

  it('downloads from the SLACK_API_URL origin with the token, following a redirect within it', async () => {
    const event = shareAt('C0PUBLIC1', file('F0GOVFILE', 'gov-expenses.md'), `${gov.origin}/files-pri/moved/gov-expenses.md`)
    await deliver(event)
    expect(gov.hits.map((h) => [h.url, h.headers.authorization])).toEqual([
      ['/files-pri/moved/gov-expenses.md', `Bearer ${BOT_TOKEN}`],
      ['/files-pri/gov-expenses.md', `Bearer ${BOT_TOKEN}`],
    ])
    expect(reply('C0PUBLIC1', event.ts)).toMatch(/^Indexed \*gov-expenses\.md\*/)
  })

  it('still downloads from files.slack.com, following a redirect within it', async () => {
    const f = file('F0HOP0001', 'hop.md')
    const event = shareAt('C0PUBLIC2', f, fileUrl(f))
    await deliver(event)
    expect(reply('C0PUBLIC2', event.ts)).toMatch(/^(Already i|I)ndexed \*hop\.md\*/)
    expect(canary.hits).toEqual([])
  })

  it.each([
    ['ten minutes in the future', 600],
    ['six minutes in the future', 360],
    ['ten minutes in the past', -600],
  ])('refuses a correctly signed request stamped %s with 401, and does nothing', async (_label, offset) => {
    const before = (await documents()).length
    const name = `future${offset}.md`
    const event = shareAt('C0PUBLIC3', file('F0FUTURE1', name), `${gov.origin}/files-pri/${name}`)
    const res = await deliver(event, Math.floor(Date.now() / 1000) + offset)
    expect(res.status).toBe(401)
    const mention = mentionEvent('C0PUBLIC3', 'When must receipts be filed?')
    expect((await deliver(mention, Math.floor(Date.now() / 1000) + offset)).status).toBe(401)
    expect(fake.calls).toEqual([])
    expect(gov.hits).toEqual([])
    expect((await documents()).length).toBe(before)
    // The same event, stamped now, is handled: the refusal did not claim it.
    expect((await deliver(event)).status).toBe(200)
    expect(reply('C0PUBLIC3', event.ts)).toMatch(new RegExp(`^Indexed \\*${name.replace('.', '\\.')}\\*`))
  })

  it('accepts a request stamped within the five minutes, either way', async () => {
    for (const offset of [-240, 240]) {
      const res = await fetch(`${base}/slack/events`, signed(JSON.stringify({ type: 'url_verification', challenge: 'c' }), { timestamp: Math.floor(Date.now() / 1000) + offset }))
      expect(res.status).toBe(200)
    }
  })
})
