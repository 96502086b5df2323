import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../src/runtime.ts'
import { type FakeFile, TEAM, createSlackFake, fileShareEvent, mentionEvent } from './helpers/slack-kit.ts'
import { type SlackService, openSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'

const fake = createSlackFake()
const mockServer = setupServer(...fake.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mockServer.close())

const CHANNEL = 'C0LEGAL01'
const v1: FakeFile = { id: 'F0ROTAV1', name: 'on-call.txt', mimetype: 'text/plain', filetype: 'text', size: 0 }
const v2: FakeFile = { ...v1, id: 'F0ROTAV2' }
const one = new TextEncoder().encode('The on-call rotation hands over every Monday at nine in the morning.')
const two = new TextEncoder().encode('The on-call rotation hands over every Tuesday at ten in the morning.')

describe.each(testDatabases())('Slack citations: ownership and freshness ($name)', (db) => {
  let runtime: Runtime
  let service: SlackService
  let close: () => Promise<void> = async () => {}

  beforeAll(async () => {
    ;({ runtime, service, close } = await openSlackService(db))
    fake.serveFile(v1, one, 'text/plain')
    fake.serveFile(v2, two, 'text/plain')
  })
  afterAll(() => close())

  const askInChannel = async (question: string): Promise<string> => {
    const event = mentionEvent(CHANNEL, question)
    await service.deliver(event)
    return fake.posts(CHANNEL, String(event.ts)).map((c) => String(c.args.text)).join('\n')
  }

  it('says who shared each source, where and how long ago; a replaced version is never cited, the new one is, by its sharer', async () => {
    await service.deliver(fileShareEvent(CHANNEL, 'channel', [{ ...v1, size: one.byteLength }], 'U0ALICE01'))
    const before = await askInChannel('When does the on-call rotation hand over?')
    expect(before).toMatch(/Monday/)
    expect(before).toMatch(/\[1\] \*on-call\.txt\* · shared by <@U0ALICE01> in <#C0LEGAL01> · <https:\/\/acme\.slack\.com\/archives\/C0LEGAL01\/p\d+\|(just now|\d+ minutes? ago)>/)

    await service.deliver(fileShareEvent(CHANNEL, 'channel', [{ ...v2, size: two.byteLength }], 'U0BOB0001'))
    const after = await askInChannel('When does the on-call rotation hand over?')
    expect(after).toMatch(/Tuesday/)
    expect(after).not.toMatch(/Monday/)
    expect(after).toMatch(/\[1\] \*on-call\.txt\* · shared by <@U0BOB0001> in <#C0LEGAL01> · </)
    expect(after).not.toMatch(/U0ALICE01/)
    expect(after).not.toMatch(/\[2\]/) // one document, one source line
    const docs = await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: null })
    expect(docs.filter((d) => d.title === 'on-call.txt')).toHaveLength(1)
  })
})
