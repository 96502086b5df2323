import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readCorpus } from './helpers/corpus.ts'
import { feedbackClick } from './helpers/slack-interactions.ts'
import { type FakeFile, createSlackFake, fileShareEvent, mentionEvent } from './helpers/slack-kit.ts'
import { type SlackService, openSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'

const fake = createSlackFake()
const mockServer = setupServer(...fake.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mockServer.close())

const CHANNEL = 'C0HOMETAB1'
const PRIVATE = 'G0HOMEPRIV'
const USER = 'U0HOMEUSR1'
const ADMIN = 'U0HOMEADM1'
const answered = 'How long must the consultant keep records available for audit after final payment?'
const declined = 'What is the wifi password in the Lisbon office?'
const contract: FakeFile = { id: 'F0HMCONTRA', name: 'sample-contract.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }
const locked: FakeFile = { id: 'F0HMLOCKED', name: 'locked.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }
const secret: FakeFile = { id: 'F0HMSECRET', name: 'board-minutes.md', mimetype: 'text/markdown', filetype: 'markdown', size: 0 }

/** app_home_opened as Slack sends it when someone opens the app's Home tab. */
const homeOpened = (user: string) => ({ type: 'app_home_opened', user, channel: 'D0HOMEDM01', tab: 'home', event_ts: `${Date.now() / 1000}` })

describe.each(testDatabases())('Slack Home tab ($name)', (db) => {
  let service: SlackService
  let close: () => Promise<void> = async () => {}
  let upValue = ''
  let answerTs = ''

  beforeAll(async () => {
    ;({ service, close } = await openSlackService(db))
    for (const [file, corpus] of [
      [contract, 'pdf/sample-contract.pdf'],
      [locked, 'pdf/encrypted-user-password-openpassword.pdf'],
    ] as const) {
      const bytes = readCorpus(corpus)
      file.size = bytes.byteLength
      fake.serveFile(file, bytes, file.mimetype)
    }
    const minutes = new TextEncoder().encode('# Board minutes\n\nThe board approved the acquisition of Initech.')
    secret.size = minutes.byteLength
    fake.serveFile(secret, minutes, secret.mimetype)
    await service.deliver(fileShareEvent(CHANNEL, 'channel', [contract]))
    await service.deliver(fileShareEvent(CHANNEL, 'channel', [locked]))
    await service.deliver(fileShareEvent(PRIVATE, 'group', [secret]))
    for (const question of [answered, declined]) await service.deliver(mentionEvent(CHANNEL, question, { user: USER }))
    const [answer] = fake.posts(CHANNEL).filter((c) => String(c.args.text).includes('*Sources*'))
    answerTs = String(answer?.ts)
    const blocks = answer?.args.blocks as Array<{ elements?: Array<{ positive_button?: { value: string } }> }>
    upValue = String(blocks.at(-1)?.elements?.[0]?.positive_button?.value)
    fake.admins.add(ADMIN)
  })
  afterAll(() => close())
  beforeEach(() => {
    fake.calls.length = 0
  })

  const publishedFor = async (user: string): Promise<string> => {
    expect((await service.deliver(homeOpened(user))).status).toBe(200)
    const [publish, ...more] = fake.called('views.publish')
    expect(more).toHaveLength(0)
    expect(publish?.args.user_id).toBe(user)
    const view = publish?.args.view as { type: string; blocks: Array<{ type: string; text: { text: string } }> }
    expect(view.type).toBe('home')
    return view.blocks.map((b) => b.text.text).join('\n')
  }

  it('shows what the bot knows, what it could not read, the viewer’s questions and how to use it', async () => {
    await service.interact(feedbackClick({ value: upValue, channel: CHANNEL, messageTs: answerTs, user: USER }))

    const text = await publishedFor(USER)
    expect(text).toMatch(/• 1 document searchable: 10 pages, \d+ passages/)
    expect(text).toMatch(/Last indexed: \*sample-contract\.pdf\* (just now|\d+ minutes? ago)/)
    expect(text).toMatch(/Answers rated 👍 1 · 👎 0/)
    expect(text).toMatch(/Files I could not read\n• <https:\/\/acme\.slack\.com\/archives\/C0HOMETAB1\/p\d+\|locked\.pdf>: .*(encrypted|password)/i)
    expect(text).toContain(`✅ ${answered}`)
    expect(text).toContain(`❔ ${declined}`)
    expect(text).toContain('Ask DocuQuery about this message')
    // A private channel's document is not in a tab the whole workspace has; coverage gaps are for admins.
    expect(text).not.toContain('board-minutes')
    expect(text).not.toContain('could not answer lately')
  })

  it('shows workspace admins the questions it declined lately', async () => {
    const text = await publishedFor(ADMIN)
    expect(text).toContain(`Questions I could not answer lately\n• ${declined} — <@${USER}>`)
    expect(text).not.toContain(`• ${answered}`)
    expect(text).toContain('None yet') // the admin asked nothing
  })

  it('ignores the Messages tab', async () => {
    await service.deliver({ ...homeOpened(USER), tab: 'messages' })
    expect(fake.called('views.publish')).toHaveLength(0)
  })
})
