import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerText } from '../../adapters/discord/format.ts'
import { registerCommands } from '../../adapters/discord/register-commands.ts'
import { corpusPath, readCorpus } from '../helpers/corpus.ts'
import { testDatabases } from '../helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from '../helpers/test-runtime.ts'
import type { Runtime } from '../../src/runtime.ts'
import { type AttachmentPayload, type RecordedRequest, startGatewayDouble } from './gateway-double.ts'
import {
  ACME,
  DM_CHANNEL,
  type DiscordHarness,
  GENERAL,
  OTHER_GENERAL,
  OTHER_GUILD,
  OTHER_PRIVATE,
  PRIVATE,
  THREAD,
  TOKEN,
  alice,
  bob,
  botUser,
  otherBot,
  startDiscordHarness,
} from './discord-harness.ts'

const contractQuestion = 'How many days of advance written notice must the consultant give to terminate the agreement?'
const leaveQuestion = 'What is the maximum number of annual leave hours I can carry over to the next leave year?'
const MANAGE_MESSAGES = 1n << 13n

type Body = { content?: string; message_reference?: { message_id?: string }; type?: number; data?: { flags?: number } }
const body = (r: RecordedRequest) => (r.body ?? {}) as Body
const isMessagePost = (r: RecordedRequest) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path)
const isReplyTo = (id: string) => (r: RecordedRequest) => isMessagePost(r) && r.status === 200 && body(r).message_reference?.message_id === id

describe.each(testDatabases())('Discord adapter against a gateway and REST double ($name)', (db) => {
  let runtime: Runtime
  let harness: DiscordHarness
  let drop: () => Promise<void>

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    // Two shards, as discord.js runs them for a bot in more than 2,500 guilds: each guild arrives on its own.
    harness = await startDiscordHarness(runtime.core, { shards: 2 })
  })
  afterAll(async () => {
    await harness?.close()
    await runtime?.close()
    await drop?.()
  })

  const double = () => harness.double
  const attach = (file: string, type = 'application/octet-stream') => {
    const name = file.split('/').pop() ?? file
    return double().addAttachment(name, readCorpus(file), type)
  }
  const share = (channelId: string, attachments: AttachmentPayload[], author = alice) =>
    double().sendMessage({ channelId, author, content: 'sharing this', attachments })
  const mention = (channelId: string, question: string, author = alice) =>
    double().sendMessage({ channelId, author, content: `<@${botUser.id}> ${question}`, mentions: [botUser] })
  const replyTo = (id: string) => double().waitFor(isReplyTo(id))
  const requestsAbout = (messageId: string) => double().requests.filter((r) => r.path.includes(`/messages/${messageId}/`))

  it('connects every shard and receives its guilds', () => {
    expect(double().identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]])
    expect(harness.bot.client.guilds.cache.map((g) => g.id).sort()).toEqual([ACME, OTHER_GUILD].sort())
    // Message Content is among the intents it identifies with (1 << 15).
    expect(double().identifies.every((i) => (i.intents & (1 << 15)) !== 0)).toBe(true)
  })

  it('indexes a file shared in a public channel: ⏳, then ✅ and what was indexed', async () => {
    const sent = share(GENERAL, [attach('pdf/sample-contract.pdf', 'application/pdf')])
    const reply = await replyTo(sent.id)
    expect(body(reply).content).toMatch(/^Indexed \*sample-contract\.pdf\* \(10 pages, \d+ passages\)\.$/)
    const reactions = requestsAbout(sent.id).map((r) => `${r.method} ${decodeURIComponent(r.path.split('/reactions/')[1] ?? '')}`)
    expect(reactions).toEqual(['PUT ⏳/@me', 'DELETE ⏳/@me', 'PUT ✅/@me'])
    const docs = await runtime.core.listDocuments({ workspace: `discord:${ACME}` })
    const contract = docs.find((d) => d.source === 'sample-contract.pdf')
    expect(contract).toMatchObject({
      status: 'indexed',
      visibility: 'workspace',
      origin: 'discord',
      sharedBy: alice.id,
      link: `https://discord.com/channels/${ACME}/${GENERAL}/${sent.id}`,
    })
  })

  it('answers a mention as a reply with its sources, showing "typing…" first', async () => {
    const sent = mention(GENERAL, contractQuestion)
    const reply = await replyTo(sent.id)
    const content = body(reply).content ?? ''
    expect(content).toMatch(/one hundred and twenty \(120\) days/)
    expect(content).toContain('**Sources**')
    expect(content).toContain(`[1] [sample-contract.pdf](<https://discord.com/channels/${ACME}/${GENERAL}/`)
    expect(content).toMatch(/— p\. 3/)
    const typing = double().requests.find((r) => r.path.endsWith(`/channels/${GENERAL}/typing`) && r.at >= sent.at)
    expect(typing).toBeDefined()
    expect(double().requests.indexOf(typing as RecordedRequest)).toBeLessThan(double().requests.indexOf(reply))
  })

  it('keeps a file shared in a private channel to that channel', async () => {
    const sent = share(PRIVATE, [attach('text/markdown/18f-handbook-leave.md', 'text/markdown')])
    expect(body(await replyTo(sent.id)).content).toMatch(/^Indexed \*18f-handbook-leave\.md\*/)
    const docs = await runtime.core.listDocuments({ workspace: `discord:${ACME}` })
    expect(docs.find((d) => d.source === '18f-handbook-leave.md')?.visibility).toBe(PRIVATE)

    const there = body(await replyTo(mention(PRIVATE, leaveQuestion).id)).content ?? ''
    expect(there).toContain('240')
    expect(there).toContain('18f-handbook-leave.md')
    for (const elsewhere of [OTHER_PRIVATE, GENERAL, OTHER_GENERAL]) {
      const answer = body(await replyTo(mention(elsewhere, leaveQuestion).id)).content ?? ''
      expect(answer, elsewhere).toMatch(/^I couldn't find an answer to that in the documents shared here\./)
      expect(answer, elsewhere).not.toContain('18f-handbook-leave.md')
    }
  })

  it('answers in a thread from what its public parent channel knows', async () => {
    const reply = body(await replyTo(mention(THREAD, contractQuestion).id)).content ?? ''
    expect(reply).toMatch(/120/)
    // The thread is a conversation: the turn is kept as context for a follow-up there.
    const turns = await runtime.core.threadHistory({ workspace: `discord:${ACME}`, channel: GENERAL, thread: THREAD })
    expect(turns.map((t) => t.question)).toEqual([contractQuestion])
    // A thread of a public channel does not see what was shared in a private channel.
    const leave = body(await replyTo(mention(THREAD, leaveQuestion).id)).content ?? ''
    expect(leave).not.toContain('18f-handbook-leave.md')
  })

  it('says in plain words why a file cannot be read, with ❌', async () => {
    const sent = share(GENERAL, [
      attach('pdf/scanned-no-text-layer-de.pdf', 'application/pdf'),
      attach('pdf/encrypted-user-password-openpassword.pdf', 'application/pdf'),
    ])
    const lines = (body(await replyTo(sent.id)).content ?? '').split('\n').sort()
    expect(lines).toEqual([
      "I can't read *encrypted-user-password-openpassword.pdf*: it is password-protected.",
      "I can't read *scanned-no-text-layer-de.pdf*: it has no text layer (it looks scanned).",
    ])
    const reactions = requestsAbout(sent.id).map((r) => `${r.method} ${decodeURIComponent(r.path.split('/reactions/')[1] ?? '')}`)
    expect(reactions).toEqual(['PUT ⏳/@me', 'DELETE ⏳/@me', 'PUT ❌/@me'])
  })

  it('defers a slash command at once, then edits the deferred reply with the answer', async () => {
    const command = double().sendCommand({ channelId: GENERAL, user: bob, sub: 'ask', options: { question: contractQuestion } })
    const edit = await double().waitFor((r) => r.method === 'PATCH' && r.path.includes(`/webhooks/${botUser.id}/${command.token}/messages/@original`))
    const callback = double().requests.find((r) => r.path.includes(`/interactions/${command.id}/${command.token}/callback`))
    expect(callback && body(callback).type).toBe(5) // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    expect(double().requests.indexOf(callback as RecordedRequest)).toBeLessThan(double().requests.indexOf(edit))
    expect(body(edit).content).toMatch(/120/)
    expect(body(edit).content).toContain('sample-contract.pdf')
    // 👍/👎 under the answer, carrying the question's id.
    const buttons = ((edit.body ?? {}) as { components?: Array<{ components: Array<{ custom_id: string }> }> }).components?.[0]?.components ?? []
    expect(buttons.map((b) => b.custom_id)).toEqual([expect.stringMatching(/^dq:fb:up:[0-9a-f-]{36}$/), expect.stringMatching(/^dq:fb:down:[0-9a-f-]{36}$/)])
  })

  it('lists sources and stats for the channel, privately', async () => {
    const sources = double().sendCommand({ channelId: PRIVATE, user: bob, sub: 'sources' })
    const listed = await double().waitFor((r) => r.method === 'PATCH' && r.path.includes(sources.token))
    const callback = double().requests.find((r) => r.path.includes(`/interactions/${sources.id}/`))
    expect(callback && body(callback).data?.flags).toBe(64) // ephemeral
    expect(body(listed).content).toContain('sample-contract.pdf')
    expect(body(listed).content).toContain('18f-handbook-leave.md')
    const stats = double().sendCommand({ channelId: OTHER_PRIVATE, user: bob, sub: 'stats' })
    const shown = await double().waitFor((r) => r.method === 'PATCH' && r.path.includes(stats.token))
    // From another private channel: the public contract only (the scanned and encrypted files failed).
    expect(body(shown).content).toContain('Documents: 1 indexed, 0 in progress, 2 failed')
  })

  it('waits for Discord\'s retry_after when a reply is rate limited, then replies', async () => {
    double().rateLimitNext('POST', new RegExp(`^/channels/${GENERAL}/messages$`), 0.6)
    const sent = mention(GENERAL, contractQuestion)
    const reply = await replyTo(sent.id)
    expect(body(reply).content).toMatch(/120/)
    const limited = double().requests.filter((r) => r.status === 429 && r.at >= sent.at)
    expect(limited).toHaveLength(1)
    expect(reply.at - (limited[0] as RecordedRequest).at).toBeGreaterThanOrEqual(550)
  })

  it('ignores its own messages and other bots, and answers a message delivered twice once', async () => {
    const own = double().sendMessage({ channelId: GENERAL, author: botUser, content: `<@${botUser.id}> ${contractQuestion}`, mentions: [botUser] })
    const fromBot = mention(GENERAL, contractQuestion, otherBot)
    const botFile = share(GENERAL, [attach('text/markdown/18f-handbook-security.md', 'text/markdown')], otherBot)
    const twice = mention(GENERAL, contractQuestion)
    double().sendMessage({ channelId: GENERAL, author: alice, content: `<@${botUser.id}> ${contractQuestion}`, mentions: [botUser], id: twice.id })
    // Malformed events must not take the bot down.
    double().dispatch('MESSAGE_CREATE', { id: '1' }, ACME)
    double().dispatch('INTERACTION_CREATE', { id: '2', type: 2, data: null }, ACME)
    double().dispatch('THREAD_CREATE', { id: '3', newly_created: true }, ACME)
    const sentinel = mention(GENERAL, contractQuestion, bob)
    await replyTo(sentinel.id)
    await replyTo(twice.id)
    await runtime.core.idle()
    for (const ignored of [own.id, fromBot.id, botFile.id]) {
      expect(double().requests.filter((r) => isReplyTo(ignored)(r) || r.path.includes(`/messages/${ignored}/`))).toEqual([])
    }
    expect(double().requests.filter(isReplyTo(twice.id))).toHaveLength(1)
    const docs = await runtime.core.listDocuments({ workspace: `discord:${ACME}` })
    expect(docs.map((d) => d.source)).not.toContain('18f-handbook-security.md')
  })

  it('keeps DMs with the bot to that person', async () => {
    const dm = (content: string, attachments: AttachmentPayload[] = []) =>
      double().sendMessage({ channelId: DM_CHANNEL, author: bob, content, attachments, dm: true })
    const shared = dm('my notes', [attach('text/markdown/18f-handbook-security.md', 'text/markdown')])
    expect(body(await replyTo(shared.id)).content).toMatch(/^Indexed \*18f-handbook-security\.md\*/)
    const docs = await runtime.core.listDocuments({ workspace: `discord:dm:${bob.id}` })
    expect(docs.map((d) => d.source)).toEqual(['18f-handbook-security.md'])
    const securityQuestion = 'How often must passwords be changed?'
    const inDm = body(await replyTo(dm(securityQuestion).id)).content ?? ''
    const inGuild = body(await replyTo(mention(GENERAL, securityQuestion).id)).content ?? ''
    expect(inGuild).not.toContain('18f-handbook-security.md')
    expect(inDm).toContain('18f-handbook-security.md')
  })

  it('lets only the sharer or a member with Manage Messages forget a document', async () => {
    const contract = (await runtime.core.listDocuments({ workspace: `discord:${ACME}` })).find((d) => d.source === 'sample-contract.pdf')
    expect(contract).toBeDefined()
    const byBob = double().sendCommand({ channelId: GENERAL, user: bob, sub: 'forget', options: { document: 'sample-contract.pdf' } })
    const refused = await double().waitFor((r) => r.method === 'PATCH' && r.path.includes(byBob.token))
    expect(body(refused).content).toBe(
      `Only <@${alice.id}> (who shared it) or members with Manage Messages can make me forget *sample-contract.pdf*.`,
    )
    expect((await runtime.core.getDocument(contract?.id ?? '')).status).toBe('indexed')

    const byModerator = double().sendCommand({
      channelId: GENERAL,
      user: bob,
      sub: 'forget',
      options: { document: contract?.id ?? '' },
      permissions: MANAGE_MESSAGES | (1n << 10n),
    })
    const done = await double().waitFor((r) => r.method === 'PATCH' && r.path.includes(byModerator.token))
    expect(body(done).content).toContain('Forgotten: *sample-contract.pdf*')
    await expect(runtime.core.getDocument(contract?.id ?? '')).rejects.toMatchObject({ code: 'not_found' })
    const after = body(await replyTo(mention(GENERAL, contractQuestion).id)).content ?? ''
    expect(after).not.toContain('sample-contract.pdf')
  })

  it('made no request the double does not know', async () => {
    await waitForIndexing(runtime)
    expect(double().unhandled).toEqual([])
  })
})

describe('npm run discord:register', () => {
  it('PUTs the /docuquery command with its subcommands and the "Ask DocuQuery" message command, to one guild when asked', async () => {
    const double = await startGatewayDouble({ token: TOKEN, bot: botUser, guilds: [] })
    try {
      const result = await registerCommands({ token: TOKEN, apiUrl: double.apiUrl, guildId: ACME })
      expect(result).toEqual({ scope: `guild ${ACME}`, names: ['docuquery', 'Ask DocuQuery'] })
      const put = double.requests.find((r) => r.method === 'PUT')
      expect(put?.path).toBe(`/api/v10/applications/${botUser.id}/guilds/${ACME}/commands`)
      const [command, messageCommand] = put?.body as Array<{ type?: number; contexts?: number[]; options: Array<{ name: string }> }>
      expect(command?.options.map((o) => o.name)).toEqual(['ask', 'sources', 'stats', 'forget', 'help'])
      // type 3: a message command (right-click a message → Apps); servers only (context 0), since it answers in a thread.
      expect(messageCommand).toMatchObject({ type: 3, contexts: [0] })
    } finally {
      await double.close()
    }
  })
})
