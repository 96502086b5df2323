/**
 * 👍/👎 under answers: the real discord.js client, through the adapter,
 * against the gateway and REST double; what the database keeps is read back
 * through the core.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { readCorpus } from '../helpers/corpus.ts'
import { testDatabases } from '../helpers/test-databases.ts'
import { buildTestRuntime } from '../helpers/test-runtime.ts'
import type { MessagePayload, RecordedRequest } from './gateway-double.ts'
import { ACME, type DiscordHarness, GENERAL, OTHER_GENERAL, alice, bob, botUser, startDiscordHarness } from './discord-harness.ts'

const leaveQuestion = 'What is the maximum number of annual leave hours I can carry over to the next leave year?'

type Button = { type: number; custom_id: string; emoji?: { name: string }; label?: string }
type Row = { type: number; components: Array<Button & { component?: unknown }> }
type Body = { content?: string; components?: Row[]; message_reference?: { message_id?: string }; type?: number; data?: Record<string, unknown> & { flags?: number; custom_id?: string; components?: Array<{ type: number; label: string; component: Record<string, unknown> }> } }
const body = (r: RecordedRequest) => (r.body ?? {}) as Body
const isReplyTo = (id: string) => (r: RecordedRequest) =>
  r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path) && r.status === 200 && body(r).message_reference?.message_id === id

describe.each(testDatabases())('Discord 👍/👎 on answers ($name)', (db) => {
  let runtime: Runtime
  let harness: DiscordHarness
  let drop: () => Promise<void>
  let answer: MessagePayload
  let queryId = ''

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
  const callbackOf = (interaction: { id: string }) => double().waitFor((r) => r.path.endsWith(`/interactions/${interaction.id}/interaction-token-${interaction.id}/callback`))
  const editOf = (interaction: { token: string }) => double().waitFor((r) => r.method === 'PATCH' && r.path.includes(`/webhooks/${botUser.id}/${interaction.token}/messages/@original`))
  const since = new Date(Date.now() - 60_000)
  const marks = () => runtime.core.feedback({ since, helpful: false }).then(async (down) => [...down, ...(await runtime.core.feedback({ since, helpful: true }))])

  it('puts 👍 and 👎 under an answer, carrying the question id, and says who shared each source', async () => {
    const asked = double().sendMessage({ channelId: GENERAL, author: bob, content: `<@${botUser.id}> ${leaveQuestion}`, mentions: [botUser] })
    const reply = await double().waitFor(isReplyTo(asked.id))
    expect(body(reply).content).toContain('240')
    // Its source says who shared it, where and when (Discord renders <t:…:R> as "2 minutes ago").
    expect(body(reply).content).toMatch(new RegExp(`\\[1\\] \\[.*18f-handbook-leave\\.md\\]\\(<https://discord\\.com/channels/${ACME}/${GENERAL}/\\d+>\\) · shared by <@${alice.id}> in <#${GENERAL}> · <t:\\d{10}:R>`))
    const buttons = body(reply).components?.[0]?.components ?? []
    expect(buttons.map((b) => `${b.emoji?.name} ${b.label}`)).toEqual(['👍 Helpful', '👎 Not helpful'])
    const id = /^dq:fb:up:([0-9a-f-]{36})$/.exec(buttons[0]?.custom_id ?? '')?.[1]
    expect(id).toBeDefined()
    queryId = id ?? ''
    expect(buttons[1]?.custom_id).toBe(`dq:fb:down:${queryId}`)
    answer = reply.response as MessagePayload
  })

  it('records a 👍 with who clicked, and says thanks privately', async () => {
    const click = double().clickButton({ channelId: GENERAL, user: alice, message: answer, customId: `dq:fb:up:${queryId}` })
    const callback = await callbackOf(click)
    expect(body(callback)).toMatchObject({ type: 5, data: { flags: 64 } }) // deferred, ephemeral
    expect(body(await editOf(click)).content).toBe('Thanks! Noted that this answer helped.')
    expect(await marks()).toMatchObject([{ queryId, workspace: `discord:${ACME}`, feedback: 'helpful', by: alice.id, question: leaveQuestion }])
  })

  it('opens "what was wrong?" on 👎 at once, records it, then adds the reason and note from the modal', async () => {
    const click = double().clickButton({ channelId: GENERAL, user: bob, message: answer, customId: `dq:fb:down:${queryId}` })
    const callback = await callbackOf(click)
    expect(body(callback).type).toBe(9) // MODAL
    expect(body(callback).data?.custom_id).toBe(`dq:fb:why:${queryId}`)
    const [reasonLabel, noteLabel] = body(callback).data?.components ?? []
    expect(reasonLabel?.component).toMatchObject({ type: 3, custom_id: 'reason' })
    expect((reasonLabel?.component.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['wrong_source', 'outdated', 'not_answered', 'other'])
    expect(noteLabel?.component).toMatchObject({ type: 4, custom_id: 'note' })
    // Closing the modal without submitting still leaves the 👎 (the latest click wins over alice's 👍).
    await vi.waitFor(async () => expect(await marks()).toMatchObject([{ queryId, feedback: 'not_helpful', by: bob.id, reason: null }]), { timeout: 10_000 })

    const submit = double().submitModal({ channelId: GENERAL, user: bob, customId: `dq:fb:why:${queryId}`, values: { reason: ['outdated'], note: 'The carry-over limit changed in 2024.' }, message: answer })
    expect(body(await callbackOf(submit))).toMatchObject({ type: 5, data: { flags: 64 } })
    expect(body(await editOf(submit)).content).toMatch(/^Thanks! Noted that this answer did not help \(it is out of date\)/)
    expect(await marks()).toMatchObject([{ queryId, feedback: 'not_helpful', by: bob.id, reason: 'outdated', note: 'The carry-over limit changed in 2024.' }])
    expect((await runtime.core.stats()).feedback).toEqual({ helpful: 0, notHelpful: 1 })
  })

  it('marks nothing when the click comes from another server, and says so', async () => {
    const click = double().clickButton({ channelId: OTHER_GENERAL, user: bob, message: { ...answer, channel_id: OTHER_GENERAL }, customId: `dq:fb:up:${queryId}` })
    expect(body(await editOf(click)).content).toBe('I cannot find that answer here (it was given in another server or conversation).')
    const forged = double().submitModal({ channelId: OTHER_GENERAL, user: bob, customId: `dq:fb:why:${queryId}`, values: { reason: ['other'], note: 'x' } })
    expect(body(await editOf(forged)).content).toMatch(/^I cannot find that answer here/)
    expect(await marks()).toMatchObject([{ queryId, feedback: 'not_helpful', reason: 'outdated', by: bob.id }])
  })

  it('made no request the double does not know', () => {
    expect(double().unhandled).toEqual([])
  })
})
