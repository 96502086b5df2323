/**
 * Autocomplete of `/docuquery forget` and `/docuquery sources` document names,
 * and one document's details: the real discord.js client, through the adapter,
 * against the gateway and REST double.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { readCorpus } from '../helpers/corpus.ts'
import { testDatabases } from '../helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from '../helpers/test-runtime.ts'
import type { RecordedRequest } from './gateway-double.ts'
import { ACME, type DiscordHarness, GENERAL, OTHER_GENERAL, OTHER_PRIVATE, PRIVATE, alice, bob, botUser, startDiscordHarness } from './discord-harness.ts'

type Choice = { name: string; value: string }
type Body = { type?: number; content?: string; data?: { choices?: Choice[] } }
const body = (r: RecordedRequest) => (r.body ?? {}) as Body
const LONG = 'Incident runbook for the payments platform, with every escalation path and on-call rotation for the year'

describe.each(testDatabases())('Discord autocomplete of document names ($name)', (db) => {
  let runtime: Runtime
  let harness: DiscordHarness
  let drop: () => Promise<void>
  let privateLeaveId = ''

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    harness = await startDiscordHarness(runtime.core)
    const workspace = `discord:${ACME}`
    const leave = await runtime.core.ingest({
      workspace,
      visibleIn: PRIVATE,
      sharedIn: PRIVATE,
      sharedBy: alice.id,
      bytes: readCorpus('text/markdown/18f-handbook-leave.md'),
      filename: '18f-handbook-leave.md',
      source: 'discord',
      sourceRef: '18f-handbook-leave.md',
    })
    privateLeaveId = leave.documentId ?? ''
    // More runbooks than Discord shows choices, each named past its 100-character limit.
    for (let i = 1; i <= 30; i++) {
      const filename = `${LONG} ${String(i).padStart(2, '0')}.md`
      await runtime.core.ingest({ workspace, visibleIn: null, sharedIn: GENERAL, sharedBy: bob.id, bytes: new TextEncoder().encode(`# Runbook ${i}\n\nPage the on-call engineer for incident class ${i}.\n`), filename, source: 'discord', sourceRef: filename })
    }
    await runtime.core.ingest({ workspace: 'discord:999000000000000001', visibleIn: null, bytes: new TextEncoder().encode('# Leave elsewhere\n\nAnother server.\n'), filename: 'leave-elsewhere.md', source: 'discord', sourceRef: 'leave-elsewhere.md' })
    await waitForIndexing(runtime)
  })
  afterAll(async () => {
    await harness?.close()
    await runtime?.close()
    await drop?.()
  })

  const double = () => harness.double
  const suggest = async (channelId: string, sub: string, value: string) => {
    const typing = double().sendAutocomplete({ channelId, user: bob, sub, option: 'document', value })
    const callback = await double().waitFor((r) => r.path.endsWith(`/interactions/${typing.id}/${typing.token}/callback`))
    expect(body(callback).type).toBe(8) // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    return body(callback).data?.choices ?? []
  }
  const edited = (command: { token: string }) => double().waitFor((r) => r.method === 'PATCH' && r.path.includes(`/webhooks/${botUser.id}/${command.token}/messages/@original`))

  it('suggests only the documents a question from that channel may use', async () => {
    // The title comes from the document's first heading; the file name follows it.
    expect(await suggest(PRIVATE, 'forget', 'leave')).toEqual([{ name: 'Leave types — 18f-handbook-leave.md', value: privateLeaveId }])
    // Another private channel, a public one and another server do not see the private file (nor the other server's).
    for (const channelId of [OTHER_PRIVATE, GENERAL, OTHER_GENERAL]) expect(await suggest(channelId, 'forget', 'leave'), channelId).toEqual([])
  })

  it('answers with at most 25 choices of at most 100 characters', async () => {
    const choices = await suggest(GENERAL, 'sources', 'runbook')
    expect(choices).toHaveLength(25)
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100)
      expect(c.name).toMatch(/^Runbook \d+ — Incident runbook/)
    }
    const all = await runtime.core.listDocuments({ workspace: `discord:${ACME}`, channel: GENERAL })
    expect(new Set(choices.map((c) => c.value)).size).toBe(25)
    for (const c of choices) expect(all.map((d) => d.id)).toContain(c.value)
    // What was typed narrows the list.
    const one = await suggest(GENERAL, 'sources', '07.md')
    expect(one.map((c) => all.find((d) => d.id === c.value)?.source)).toEqual([`${LONG} 07.md`])
  })

  it('shows the picked document with who shared it, where and when', async () => {
    const command = double().sendCommand({ channelId: PRIVATE, user: bob, sub: 'sources', options: { document: privateLeaveId } })
    const content = body(await edited(command)).content ?? ''
    expect(content.split('\n')).toEqual([
      '**Leave types — 18f-handbook-leave.md**',
      expect.stringMatching(new RegExp(`^\\d+ passages · used in <#${PRIVATE}> only$`)),
      expect.stringMatching(new RegExp(`^Shared by <@${alice.id}> in <#${PRIVATE}> · <t:\\d{10}:R>$`)),
    ])
    // From a channel that cannot see it, the id names nothing.
    const elsewhere = double().sendCommand({ channelId: GENERAL, user: bob, sub: 'sources', options: { document: privateLeaveId } })
    expect(body(await edited(elsewhere)).content).toBe(`No document called "${privateLeaveId}" is visible here.`)
  })

  it('made no request the double does not know', () => {
    expect(double().unhandled).toEqual([])
  })
})
