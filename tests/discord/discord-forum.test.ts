/**
 * Opt-in auto-answer of new forum posts (DISCORD_AUTO_ANSWER_CHANNELS): the
 * real discord.js client, through the adapter, against the gateway and REST
 * double, which sends a forum post as Discord does (THREAD_CREATE, then the
 * starter message).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Logger } from '../../src/platform/log/logger.ts'
import type { Runtime } from '../../src/runtime.ts'
import { readCorpus } from '../helpers/corpus.ts'
import { testDatabases } from '../helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from '../helpers/test-runtime.ts'
import type { RecordedRequest } from './gateway-double.ts'
import { ACME, type DiscordHarness, FORUM, GENERAL, QUIET_FORUM, alice, bob, startDiscordHarness } from './discord-harness.ts'

const leaveQuestion = 'What is the maximum number of annual leave hours I can carry over to the next leave year?'

type Body = { content?: string; components?: Array<{ components: Array<{ custom_id: string }> }> }
const body = (r: RecordedRequest) => (r.body ?? {}) as Body
const postsIn = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/api/v10/channels/${channelId}/messages`

describe.each(testDatabases())('Discord forum auto-answer ($name)', (db) => {
  let runtime: Runtime
  let harness: DiscordHarness
  let drop: () => Promise<void>
  const logs: Array<{ level: string; msg: string; obj: Record<string, unknown> }> = []
  const entry = (level: string) => (obj: object, msg = '') => void logs.push({ level, msg, obj: obj as Record<string, unknown> })
  const logger: Logger = { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') }

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    harness = await startDiscordHarness(runtime.core, { autoAnswerChannels: [FORUM], logger })
    await runtime.core.ingest({
      workspace: `discord:${ACME}`,
      visibleIn: null,
      sharedIn: GENERAL,
      sharedBy: alice.id,
      bytes: readCorpus('text/markdown/18f-handbook-leave.md'),
      filename: '18f-handbook-leave.md',
      source: 'discord',
      sourceRef: '18f-handbook-leave.md',
    })
    await waitForIndexing(runtime)
  })
  afterAll(async () => {
    await harness?.close()
    await runtime?.close()
    await drop?.()
  })

  const double = () => harness.double

  it('answers a new post in a listed forum, in the post, when the documents answer it', async () => {
    const post = double().createForumPost({ forumId: FORUM, author: bob, title: 'Carrying over annual leave', content: leaveQuestion })
    const answer = await double().waitFor(postsIn(post.threadId))
    expect(body(answer).content).toContain('240')
    expect(body(answer).content).toContain('**Sources**')
    expect(body(answer).content).toContain('18f-handbook-leave.md')
    expect(body(answer).components?.[0]?.components.map((b) => b.custom_id.slice(0, 9))).toEqual(['dq:fb:up:', 'dq:fb:dow'])
    // The question is the title and the first message (from the gateway, or through REST when it has not arrived yet).
    const turns = await runtime.core.threadHistory({ workspace: `discord:${ACME}`, channel: FORUM, thread: post.threadId })
    expect(turns.map((t) => t.question)).toEqual([`Carrying over annual leave\n${leaveQuestion}`])
  })

  it('reads the first message through REST when it has not come over the gateway yet', async () => {
    const post = double().createForumPost({ forumId: FORUM, author: bob, title: 'Leave question', content: leaveQuestion, starterOverGateway: false })
    const answer = await double().waitFor(postsIn(post.threadId))
    expect(body(answer).content).toContain('240')
    const read = double().requests.find((r) => r.method === 'GET' && r.path === `/api/v10/channels/${post.threadId}/messages/${post.threadId}`)
    expect(read?.status).toBe(200)
  })

  it('says nothing in a post the documents do not answer, and logs why at debug', async () => {
    const post = double().createForumPost({ forumId: FORUM, author: bob, title: 'Team t-shirts', content: 'Which vendor prints our conference t-shirts, and what colour are they this year?' })
    await vi.waitFor(() => expect(logs.find((l) => l.obj.threadId === post.threadId)).toMatchObject({ level: 'debug', msg: 'forum post not answered: the documents do not answer it' }), { timeout: 20_000 })
    expect(double().requests.filter(postsIn(post.threadId))).toEqual([])
  })

  it('leaves forums that are not listed, and threads that are not new posts, alone', async () => {
    const quiet = double().createForumPost({ forumId: QUIET_FORUM, author: bob, title: 'Carrying over annual leave', content: leaveQuestion })
    const old = double().createForumPost({ forumId: FORUM, author: bob, title: 'Carrying over annual leave', content: leaveQuestion, newlyCreated: false })
    // Events are handled in order, and a post is passed over before anything is awaited:
    // once a later post is answered, the earlier ones have been decided.
    const later = double().createForumPost({ forumId: FORUM, author: alice, title: 'Leave carry-over limit', content: leaveQuestion })
    await double().waitFor(postsIn(later.threadId))
    for (const ignored of [quiet.threadId, old.threadId]) {
      expect(double().requests.filter((r) => r.path.includes(`/channels/${ignored}/`)), ignored).toEqual([])
    }
  })

  it('made no request the double does not know', () => {
    expect(double().unhandled).toEqual([])
    expect(logs.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([])
  })
})
