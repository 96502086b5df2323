/**
 * The message command "Ask DocuQuery" (right-click a message → Apps): the
 * real discord.js client, through the adapter, against the gateway and REST double.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { readCorpus } from '../helpers/corpus.ts'
import { testDatabases } from '../helpers/test-databases.ts'
import { buildTestRuntime } from '../helpers/test-runtime.ts'
import type { MessagePayload, RecordedRequest } from './gateway-double.ts'
import { ACME, type DiscordHarness, GENERAL, THREAD, alice, bob, botUser, startDiscordHarness } from './discord-harness.ts'

const leaveQuestion = 'What is the maximum number of annual leave hours I can carry over to the next leave year?'

type Body = { content?: string; name?: string; components?: Array<{ components: Array<{ custom_id: string }> }>; message_reference?: { message_id?: string }; type?: number; data?: { flags?: number } }
const body = (r: RecordedRequest) => (r.body ?? {}) as Body
const isPostIn = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/api/v10/channels/${channelId}/messages` && r.status === 200
const isReplyTo = (id: string) => (r: RecordedRequest) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path) && body(r).message_reference?.message_id === id

describe.each(testDatabases())('Discord "Ask DocuQuery" on a message ($name)', (db) => {
  let runtime: Runtime
  let harness: DiscordHarness
  let drop: () => Promise<void>

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    harness = await startDiscordHarness(runtime.core)
    const file = harness.double.addAttachment('18f-handbook-leave.md', readCorpus('text/markdown/18f-handbook-leave.md'), 'text/markdown')
    const shared = harness.double.sendMessage({ channelId: GENERAL, author: alice, content: 'our leave policy', attachments: [file] })
    await harness.double.waitFor(isReplyTo(shared.id))
  })
  afterAll(async () => {
    await harness?.close()
    await runtime?.close()
    await drop?.()
  })

  const double = () => harness.double
  const ask = (target: MessagePayload, user = bob) => double().sendMessageCommand({ channelId: target.channel_id, user, name: 'Ask DocuQuery', target })
  const editOf = (interaction: { token: string }) => double().waitFor((r) => r.method === 'PATCH' && r.path.includes(`/webhooks/${botUser.id}/${interaction.token}/messages/@original`))

  it('answers a message in a thread started from it, and tells the asker where, privately', async () => {
    // Nobody mentioned the bot: the message alone gets no answer.
    const question = double().sendMessage({ channelId: GENERAL, author: alice, content: leaveQuestion })
    const command = ask(question.payload)
    const told = await editOf(command)
    const callback = double().requests.find((r) => r.path.endsWith(`/interactions/${command.id}/${command.token}/callback`))
    expect(callback && body(callback)).toMatchObject({ type: 5, data: { flags: 64 } })

    const started = double().requests.find((r) => r.method === 'POST' && r.path === `/api/v10/channels/${GENERAL}/messages/${question.id}/threads`)
    expect(started && body(started).name).toBe(leaveQuestion)
    // Discord gives a thread started from a message the message's id.
    const answer = await double().waitFor(isPostIn(question.id))
    expect(body(answer).content).toMatch(new RegExp(`^<@${bob.id}> asked about this message:\\n`))
    expect(body(answer).content).toContain('240')
    expect(body(answer).content).toContain('18f-handbook-leave.md')
    expect(body(answer).components?.[0]?.components.map((b) => b.custom_id.replace(/[0-9a-f-]{36}$/, 'ID'))).toEqual(['dq:fb:up:ID', 'dq:fb:down:ID'])
    expect(body(told).content).toBe(`Answered in <#${question.id}>.`)
    expect(double().requests.indexOf(answer)).toBeLessThan(double().requests.indexOf(told))
    // The thread is a conversation: a follow-up mention there has this turn as context.
    const turns = await runtime.core.threadHistory({ workspace: `discord:${ACME}`, channel: GENERAL, thread: question.id })
    expect(turns.map((t) => t.question)).toEqual([leaveQuestion])

    // Asked again on the same message: into the thread it already has.
    const again = ask(double().message(GENERAL, question.id) as MessagePayload, alice)
    expect(body(await editOf(again)).content).toBe(`Answered in <#${question.id}>.`)
    expect(double().requests.filter((r) => r.path.endsWith(`/messages/${question.id}/threads`))).toHaveLength(1)
    expect(double().requests.filter(isPostIn(question.id))).toHaveLength(2)
  })

  it('replies to a message that is already in a thread, in that thread', async () => {
    const inThread = double().sendMessage({ channelId: THREAD, author: alice, content: leaveQuestion })
    const command = ask(inThread.payload)
    const reply = await double().waitFor(isReplyTo(inThread.id))
    expect(reply.path).toBe(`/api/v10/channels/${THREAD}/messages`)
    expect(body(reply).content).toContain('240')
    expect(body(await editOf(command)).content).toBe(`Answered in <#${THREAD}>.`)
    expect(double().requests.filter((r) => r.path.endsWith(`/messages/${inThread.id}/threads`))).toEqual([])
  })

  it('says so when the message has no text to ask about', async () => {
    const empty = double().sendMessage({ channelId: GENERAL, author: alice, content: '' , attachments: [double().addAttachment('photo.png', new Uint8Array([137, 80, 78, 71]), 'image/png')] })
    const command = ask(empty.payload)
    expect(body(await editOf(command)).content).toBe('That message has no text to ask about.')
    expect(double().requests.filter((r) => r.path.endsWith(`/messages/${empty.id}/threads`))).toEqual([])
  })

  it('made no request the double does not know', () => {
    expect(double().unhandled).toEqual([])
  })
})
