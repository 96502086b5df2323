import type { AddressInfo } from 'node:net'
import type { ServerType } from '@hono/node-server'
import { ClearStateStore } from '@slack/oauth'
import { sql } from 'drizzle-orm'
import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type SlackAdapter, createSlackAdapter } from '../adapters/slack/create-slack-adapter.ts'
import { selectRows } from '../src/store/db/database.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import type { Runtime } from '../src/runtime.ts'
import { readCorpus } from './helpers/corpus.ts'
import { type FakeFile, SIGNING_SECRET, createSlackFake, signed } from './helpers/slack-kit.ts'
import {
  APP_ID,
  CLIENT_ID,
  CLIENT_SECRET,
  type FakeTeam,
  STATE_SECRET,
  T1,
  T2,
  createSlackOAuthFake,
  manifestBotScopes,
  teamEnvelope,
  teamFileShare,
  teamMention,
  teamSlashCommand,
} from './helpers/slack-oauth-kit.ts'
import { serveSlackAdapter, testSlackTiming } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime } from './helpers/test-runtime.ts'

const fake = createSlackFake()
const oauth = createSlackOAuthFake([T1, T2])
const mockServer = setupServer(
  // The OAuth fake goes first: it checks tokens and records them, then lets slack-kit's fake answer.
  ...oauth.handlers,
  ...fake.handlers,
  // The test talks to its own server for real; only third-party HTTP is intercepted.
  http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
)
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mockServer.close())

const auditQuestion = 'How long must the consultant keep records available for audit after final payment?'
const leaveQuestion = 'How many hours of annual leave accrue per pay period in the first 3 years?'
const contract: FakeFile = { id: 'F0ACONTRCT', name: 'sample-contract.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }
const leave: FakeFile = { id: 'F0BLEAVE01', name: '18f-handbook-leave.md', mimetype: 'text/markdown', filetype: 'markdown', size: 0 }
const C1 = 'C0ALPHAGEN'
const C2 = 'C0BRAVOGEN'

interface InstallationRow {
  install_key: string
  team_id: string | null
  enterprise_id: string | null
  is_enterprise_install: boolean
  bot_token: string | null
  bot_user_id: string | null
  bot_id: string | null
  installation: Record<string, unknown>
}

describe.each(testDatabases())('Slack OAuth install, many workspaces ($name)', (db) => {
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
      settings: { signingSecret: SIGNING_SECRET, oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET }, answerBots: false },
      maxFileBytes: runtime.config.MAX_FILE_BYTES,
      timing: testSlackTiming,
    })
    server = await serveSlackAdapter(runtime, adapter)
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    oauth.serveFile(T1, contract, withSize(contract, readCorpus('pdf/sample-contract.pdf')))
    oauth.serveFile(T2, leave, withSize(leave, readCorpus('text/markdown/18f-handbook-leave.md')))
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
    oauth.calls.length = 0
    oauth.exchanges.length = 0
  })

  const installations = async () =>
    await selectRows<InstallationRow>(runtime.database.orm, sql`select * from slack_installations order by install_key`)

  /** The browser's side of "Add to Slack": /slack/install, then back from Slack with the state and its cookie. */
  const startInstall = async () => {
    const res = await fetch(`${base}/slack/install`, { redirect: 'manual' })
    const location = new URL(res.headers.get('location') ?? 'missing:')
    const state = location.searchParams.get('state') ?? ''
    const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
    return { res, location, state, cookie }
  }
  const redirectBack = async (query: Record<string, string>, cookie: string) =>
    await fetch(`${base}/slack/oauth_redirect?${new URLSearchParams(query).toString()}`, { headers: cookie ? { cookie } : {} })
  const install = async (team: FakeTeam) => {
    const { state, cookie } = await startInstall()
    return await redirectBack({ code: oauth.issueCode(team), state }, cookie)
  }

  const deliver = async (team: FakeTeam, event: Record<string, unknown>) => {
    const res = await fetch(`${base}/slack/events`, signed(JSON.stringify(teamEnvelope(team, event))))
    await adapter.idle()
    return res
  }
  /** Messages posted in a thread, with the team whose bot token posted them. */
  const threadPosts = (channel: string, ts: string) =>
    oauth.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === ts)
  const ask = async (team: FakeTeam, channel: string, question: string) => {
    const event = teamMention(team, channel, question)
    expect((await deliver(team, event)).status).toBe(200)
    return threadPosts(channel, String(event.ts))
  }

  describe('GET /slack/install', () => {
    it("redirects to Slack's authorize page with the client id, the manifest's scopes and a signed state in a cookie", async () => {
      const { res, location, state, cookie } = await startInstall()
      expect(res.status).toBe(302)
      expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize')
      expect(location.searchParams.get('client_id')).toBe(CLIENT_ID)
      expect((location.searchParams.get('scope') ?? '').split(',').sort()).toEqual(manifestBotScopes().sort())
      expect(await verifyState(STATE_SECRET, state)).toBe(true)
      expect(await verifyState('some-other-state-secret', state)).toBe(false)
      // The same state in an HttpOnly cookie: the redirect must come back to the browser that started it.
      expect(cookie).toBe(`slack-oauth-state=${state}`)
      const setCookie = res.headers.getSetCookie()[0] ?? ''
      expect(setCookie).toMatch(/; HttpOnly/i)
      expect(setCookie).toMatch(/; Path=\/slack/i)
      // Plain HTTP here: a Secure cookie would never come back to this server.
      expect(setCookie).not.toMatch(/; Secure/i)
      // Each visit gets its own state.
      expect((await startInstall()).state).not.toBe(state)
    })

    it('marks the state cookie Secure when the browser came over HTTPS (a TLS-ending proxy says so)', async () => {
      const res = await fetch(`${base}/slack/install`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } })
      const setCookie = res.headers.getSetCookie()[0] ?? ''
      expect(setCookie).toMatch(/^slack-oauth-state=[^;]+;/)
      expect(setCookie).toMatch(/; Secure/i)
      expect(setCookie).toMatch(/; HttpOnly/i)
    })

    it("uses SLACK_API_URL's host for the authorize page (GovSlack)", async () => {
      const gov = createSlackAdapter({
        core: runtime.core,
        orm: runtime.database.orm,
        logger: silentLogger,
        settings: {
          signingSecret: SIGNING_SECRET,
          oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET },
          apiUrl: 'https://slack-gov.com/api/',
          answerBots: false,
        },
        maxFileBytes: runtime.config.MAX_FILE_BYTES,
      })
      const govServer = await serveSlackAdapter(runtime, gov)
      try {
        const res = await fetch(`http://127.0.0.1:${(govServer.address() as AddressInfo).port}/slack/install`, { redirect: 'manual' })
        expect(res.status).toBe(302)
        const location = new URL(res.headers.get('location') ?? 'missing:')
        expect(`${location.origin}${location.pathname}`).toBe('https://slack-gov.com/oauth/v2/authorize')
        expect(location.searchParams.get('client_id')).toBe(CLIENT_ID)
      } finally {
        await gov.stop()
        await new Promise((resolve) => govServer.close(resolve))
      }
    })
  })

  describe('GET /slack/oauth_redirect refuses, stores nothing and asks nobody', () => {
    const refusals: Array<[string, (state: string, cookie: string) => Promise<{ query: Record<string, string>; cookie: string }>]> = [
      ['an expired state', async () => {
        const old = await signState(STATE_SECRET, Date.now() - 11 * 60 * 1000)
        return { query: { code: oauth.issueCode(T1), state: old }, cookie: `slack-oauth-state=${old}` }
      }],
      ['a state signed with another secret', async () => {
        const forged = await signState('an-attacker-state-secret', Date.now())
        return { query: { code: oauth.issueCode(T1), state: forged }, cookie: `slack-oauth-state=${forged}` }
      }],
      ['a valid state from another browser (no cookie)', async (state) => ({ query: { code: oauth.issueCode(T1), state }, cookie: '' })],
      ['a state that does not match the cookie', async (state, cookie) => {
        const other = await signState(STATE_SECRET, Date.now())
        return { query: { code: oauth.issueCode(T1), state: other }, cookie }
      }],
      ['a forged state with non-ASCII characters', async () => {
        // Bytes no signed state has: must be a refusal page, not a crash.
        const forged = `${Date.now()}.abcdef.é${'a'.repeat(63)}`
        return { query: { code: oauth.issueCode(T1), state: forged }, cookie: `slack-oauth-state=${encodeURIComponent(forged)}` }
      }],
      ['no code', async (state, cookie) => ({ query: { state }, cookie })],
    ]

    it.each(refusals)('%s', async (_name, build) => {
      const started = await startInstall()
      const attempt = await build(started.state, started.cookie)
      const res = await redirectBack(attempt.query, attempt.cookie)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expect(await res.text()).toMatch(/<h1>Installation link expired<\/h1>.*Start again from \/slack\/install/s)
      expect(oauth.exchanges).toEqual([])
      expect(await installations()).toEqual([])
    })

    it('the admin clicking Cancel on Slack', async () => {
      const { state, cookie } = await startInstall()
      const res = await redirectBack({ error: 'access_denied', state }, cookie)
      expect(res.status).toBe(400)
      expect(await res.text()).toMatch(/<h1>Installation cancelled<\/h1>/)
      expect(oauth.exchanges).toEqual([])
      expect(await installations()).toEqual([])
    })

    it('a code Slack does not accept (already used, or expired)', async () => {
      const { state, cookie } = await startInstall()
      const res = await redirectBack({ code: 'T0ALPHA001.9999.never-issued', state }, cookie)
      expect(res.status).toBe(400)
      expect(await res.text()).toMatch(/<h1>Installation link already used<\/h1>.*Start again from \/slack\/install/s)
      expect(oauth.exchanges).toHaveLength(1)
      expect(await installations()).toEqual([])
    })
  })

  describe('GET /slack/oauth_redirect with a good state', () => {
    it('trades the code through oauth.v2.access and stores the installation', async () => {
      const res = await install(T1)
      expect(res.status).toBe(200)
      const body = await res.text()
      expect(body).toMatch(/<h1>DocuQuery is installed<\/h1>/)
      // The team name is Slack's data: escaped, never markup.
      expect(body).toContain('Alpha &amp; Co')
      expect(oauth.exchanges).toEqual([{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code: expect.stringMatching(/^T0ALPHA001\./) }])
      const [row, ...others] = await installations()
      expect(others).toEqual([])
      expect(row).toMatchObject({
        install_key: T1.id,
        team_id: T1.id,
        enterprise_id: null,
        is_enterprise_install: false,
        bot_token: T1.botToken,
        bot_user_id: T1.botUserId,
        // oauth.v2.access does not say the bot id (B…); auth.test with the new token does.
        bot_id: T1.botId,
      })
      expect(row?.installation).toMatchObject({ appId: APP_ID, team: { id: T1.id, name: T1.name }, user: { id: T1.installer }, tokenType: 'bot' })
      expect((row?.installation.bot as { scopes: string[] }).scopes.sort()).toEqual(manifestBotScopes().sort())
    })

    it('says why when Slack refuses the client credentials, and stores nothing', async () => {
      const wrong = createSlackAdapter({
        core: runtime.core,
        orm: runtime.database.orm,
        logger: silentLogger,
        settings: { signingSecret: SIGNING_SECRET, oauth: { clientId: CLIENT_ID, clientSecret: 'not-the-client-secret', stateSecret: STATE_SECRET }, answerBots: false },
        maxFileBytes: runtime.config.MAX_FILE_BYTES,
      })
      const wrongServer = await serveSlackAdapter(runtime, wrong)
      try {
        const wrongBase = `http://127.0.0.1:${(wrongServer.address() as AddressInfo).port}`
        const start = await fetch(`${wrongBase}/slack/install`, { redirect: 'manual' })
        const state = new URL(start.headers.get('location') ?? 'missing:').searchParams.get('state') ?? ''
        const cookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
        const res = await fetch(`${wrongBase}/slack/oauth_redirect?${new URLSearchParams({ code: oauth.issueCode(T2), state }).toString()}`, { headers: { cookie } })
        expect(res.status).toBe(502)
        expect(await res.text()).toMatch(/Check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET/)
        expect((await installations()).map((r) => r.install_key)).toEqual([T1.id])
      } finally {
        await wrong.stop()
        await new Promise((resolve) => wrongServer.close(resolve))
      }
    })

    it('installs a second workspace beside the first', async () => {
      expect((await install(T2)).status).toBe(200)
      const rows = await installations()
      expect(rows.map((r) => [r.install_key, r.bot_token])).toEqual([
        [T1.id, T1.botToken],
        [T2.id, T2.botToken],
      ])
    })
  })

  describe('two installed workspaces', () => {
    it("indexes a file shared in each workspace with that workspace's bot token", async () => {
      const inAlpha = teamFileShare(T1, C1, contract)
      const inBravo = teamFileShare(T2, C2, leave)
      expect((await deliver(T1, inAlpha)).status).toBe(200)
      expect((await deliver(T2, inBravo)).status).toBe(200)
      // ✅ means the download succeeded, which the fake allows only with the sharing team's token.
      expect(fake.reactions(C1, String(inAlpha.ts))).toContain('+white_check_mark')
      expect(fake.reactions(C2, String(inBravo.ts))).toContain('+white_check_mark')
      expect(oauth.calls.filter((c) => c.args.channel === C1).every((c) => c.token === T1.botToken)).toBe(true)
      expect(oauth.calls.filter((c) => c.args.channel === C2).every((c) => c.token === T2.botToken)).toBe(true)
      const sources = async (team: FakeTeam) => (await runtime.core.listDocuments({ workspace: `slack:${team.id}`, channel: null })).map((d) => d.source)
      expect(await sources(T1)).toEqual(['sample-contract.pdf'])
      expect(await sources(T2)).toEqual(['18f-handbook-leave.md'])
    })

    it("answers a mention from T1 with T1's token and T1's documents only", async () => {
      const answered = await ask(T1, C1, auditQuestion)
      expect(answered).toHaveLength(1)
      expect(answered[0]?.token).toBe(T1.botToken)
      expect(String(answered[0]?.args.text)).toMatch(/\*Sources\*[\s\S]*sample-contract\.pdf/)

      const elsewhere = await ask(T1, C1, leaveQuestion)
      expect(elsewhere.map((c) => c.token)).toEqual([T1.botToken])
      expect(String(elsewhere[0]?.args.text)).toMatch(/^I couldn't find an answer/)
      // Not even among the closest sources: T2's document (titled from its heading) or its channel.
      expect(String(elsewhere[0]?.args.text)).not.toMatch(/Leave types|18f-handbook-leave|C0BRAVOGEN/)
    })

    it("answers a mention from T2 with T2's token and T2's documents only", async () => {
      const answered = await ask(T2, C2, leaveQuestion)
      expect(answered.map((c) => c.token)).toEqual([T2.botToken])
      expect(String(answered[0]?.args.text)).toMatch(/\*Sources\*[\s\S]*Leave types.*C0BRAVOGEN/)

      const elsewhere = await ask(T2, C2, auditQuestion)
      expect(elsewhere.map((c) => c.token)).toEqual([T2.botToken])
      expect(String(elsewhere[0]?.args.text)).toMatch(/^I couldn't find an answer/)
      expect(String(elsewhere[0]?.args.text)).not.toMatch(/sample-contract|C0ALPHAGEN/)
    })

    it("announces an indexed e-mail in the mapped channel with that workspace's token, and only where installed", async () => {
      const event = { channel: C2, documentId: 'd', subject: 'Re: vendor contract', from: 'Jane Doe <jane@example.com>', status: 'indexed' as const, error: null, parts: 2, partsIndexed: 2 }
      await adapter.emailNotifier.onIndexed({ ...event, workspace: `slack:${T2.id}` })
      await adapter.emailNotifier.onIndexed({ ...event, workspace: 'slack:T0NOTINSTD' })
      await adapter.emailNotifier.onIndexed({ ...event, workspace: 'discord:81234' })
      const posted = oauth.calls.filter((c) => c.method === 'chat.postMessage')
      expect(posted.map((c) => [c.token, c.args.channel, c.args.text])).toEqual([[T2.botToken, C2, '📧 Indexed *Re: vendor contract* from Jane Doe (2 attachments)']])
    })

    it("lists only the asking workspace's documents in /docuquery sources", async () => {
      const res = await fetch(`${base}/slack/events`, signed(teamSlashCommand(T2, 'sources', C2), { contentType: 'application/x-www-form-urlencoded' }))
      await adapter.idle()
      expect(res.status).toBe(200)
      expect(String(fake.responses[0]?.text)).toMatch(/^\*Documents visible in this channel\* \(1\)\n.*Leave types/)
      expect(String(fake.responses[0]?.text)).not.toMatch(/sample-contract/)
    })
  })

  describe('uninstalling', () => {
    it('app_uninstalled removes that workspace only; its events are then ignored', async () => {
      oauth.revoke(T1)
      // Shaped as Slack documents it: no `authorizations`, the workspace is in `team_id` only.
      const { authorizations: _, ...uninstalled } = teamEnvelope(T1, { type: 'app_uninstalled', ts: '1700003000.000100' })
      expect((await fetch(`${base}/slack/events`, signed(JSON.stringify(uninstalled)))).status).toBe(200)
      await adapter.idle()
      expect((await installations()).map((r) => r.install_key)).toEqual([T2.id])

      const ignored = teamMention(T1, C1, auditQuestion)
      expect((await deliver(T1, ignored)).status).toBe(200)
      expect(oauth.calls).toEqual([])
      expect(fake.calls).toEqual([])
      expect(await ask(T2, C2, leaveQuestion)).toHaveLength(1)
    })

    it('tokens_revoked for user tokens only keeps the installation; for the bot token removes it', async () => {
      await deliver(T2, { type: 'tokens_revoked', tokens: { oauth: [T2.installer] }, ts: '1700003001.000100' })
      expect((await installations()).map((r) => r.install_key)).toEqual([T2.id])

      oauth.revoke(T2)
      await deliver(T2, { type: 'tokens_revoked', tokens: { bot: [T2.botUserId] }, ts: '1700003002.000100' })
      expect(await installations()).toEqual([])
      expect(await ask(T2, C2, leaveQuestion)).toEqual([])
    })

    it('a workspace can install again, and finds its documents still there', async () => {
      expect((await install(T1)).status).toBe(200)
      const answered = await ask(T1, C1, auditQuestion)
      expect(answered.map((c) => c.token)).toEqual([T1.botToken])
      expect(String(answered[0]?.args.text)).toMatch(/sample-contract\.pdf/)
    })
  })
})

/** A state as the installer's state store (@slack/oauth's ClearStateStore) signs one, issued at `now`. */
const signState = async (secret: string, now: number) => await new ClearStateStore(secret, 600).generateStateParam({ scopes: [] }, new Date(now))
const verifyState = async (secret: string, state: string) =>
  await new ClearStateStore(secret, 600).verifyStateParam(new Date(), state).then(
    () => true,
    () => false,
  )

function withSize(file: FakeFile, bytes: Uint8Array): Uint8Array {
  file.size = bytes.byteLength
  return bytes
}
