import { createHmac } from 'node:crypto'
import { HttpResponse, http } from 'msw'

export const SIGNING_SECRET = 'test-signing-secret-8f2a1c'
export const BOT_TOKEN = 'xoxb-test-0001'
export const TEAM = 'T0DOCUQ01'
export const BOT_USER = 'U0BOT0001'
export const BOT_ID = 'B0BOT0001'

export interface SignedOptions {
  contentType?: string
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number
  retryNum?: number
  secret?: string
}

/** Headers and body exactly as Slack sends them: v0 HMAC-SHA256 over `v0:<timestamp>:<body>`. */
export function signed(body: string, options: SignedOptions = {}): RequestInit {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  const signature = createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': `v0=${signature}`,
      ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
  }
}

let sequence = 0
const nextTs = () => `${1_700_000_000 + ++sequence}.${String(100 + sequence).padStart(6, '0')}`

/** An Events API envelope around `event`, as Slack delivers it. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++sequence}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0DOCUQ01',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  }
}

export function mentionEvent(channel: string, question: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = nextTs()
  return {
    type: 'app_mention',
    user: 'U0ASKER01',
    text: `<@${BOT_USER}> ${question}`,
    ts,
    channel,
    team: TEAM,
    client_msg_id: `0b7c6f4e-${sequence}`,
    ...extra,
  }
}

export interface FakeFile {
  id: string
  name: string
  mimetype: string
  filetype: string
  size: number
}

export const fileUrl = (file: Pick<FakeFile, 'id' | 'name'>) => `https://files.slack.com/files-pri/${TEAM}-${file.id}/download/${encodeURIComponent(file.name)}`

export function fileShareEvent(channel: string, channelType: string, files: FakeFile[], user = 'U0SHARER1'): Record<string, unknown> {
  const ts = nextTs()
  return {
    type: 'message',
    subtype: 'file_share',
    text: '',
    user,
    upload: false,
    display_as_bot: false,
    ts,
    channel,
    channel_type: channelType,
    files: files.map((f) => ({
      id: f.id,
      created: 1_700_000_000,
      timestamp: 1_700_000_000,
      name: f.name,
      title: f.name,
      mimetype: f.mimetype,
      filetype: f.filetype,
      pretty_type: f.filetype.toUpperCase(),
      user,
      user_team: TEAM,
      mode: 'hosted',
      editable: false,
      is_external: false,
      external_type: '',
      is_public: channelType === 'channel',
      public_url_shared: false,
      size: f.size,
      url_private: `https://files.slack.com/files-pri/${TEAM}-${f.id}/${encodeURIComponent(f.name)}`,
      url_private_download: fileUrl(f),
      permalink: `https://acme.slack.com/files/${user}/${f.id}/${encodeURIComponent(f.name)}`,
    })),
  }
}

export function slashCommand(text: string, channel: string, user = 'U0ASKER01'): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'acme',
    channel_id: channel,
    channel_name: 'general',
    user_id: user,
    user_name: 'someone',
    command: '/docuquery',
    text,
    api_app_id: 'A0DOCUQ01',
    is_enterprise_install: 'false',
    response_url: `https://hooks.slack.com/commands/${TEAM}/${++sequence}/xyzRESPONSE`,
    trigger_id: `${sequence}.1.abc`,
  }).toString()
}

export interface WebApiCall {
  method: string
  args: Record<string, unknown>
  /** performance.now() when the call arrived (the bench times ✅ with it). */
  at: number
  /** chat.postMessage: the ts Slack gave the new message (what chat.update names). */
  ts?: string
}

/**
 * The Slack Web API as msw handlers, answering with bodies shaped like
 * Slack's, and recording every call so tests can read what users would see.
 */
export function createSlackFake(apiUrl = 'https://slack.com/api/') {
  const calls: WebApiCall[] = []
  const responses: Array<Record<string, unknown>> = []
  const downloads = new Map<string, { bytes: Uint8Array; contentType: string }>()
  const admins = new Set<string>()
  /** Methods this workspace answers `unknown_method` to (e.g. the streaming ones, as an older Slack would). */
  const unsupported = new Set<string>()
  /** Block types this workspace refuses with `invalid_blocks` (e.g. `context_actions` on an older client surface). */
  const refusedBlocks = new Set<string>()
  /** Channels the bot is not a member of: reading or posting there fails with `not_in_channel`. */
  const notIn = new Set<string>()
  /** conversations.replies: the messages of a thread, first the parent. */
  const threads = new Map<string, Array<Record<string, unknown>>>()
  let posted = 0
  const newTs = () => `1800000000.${String(++posted).padStart(6, '0')}`
  const fail = (error: string, extra: Record<string, unknown> = {}) => HttpResponse.json({ ok: false, error, ...extra })
  const refused = (args: Record<string, unknown>): Response | null => {
    const blocks = Array.isArray(args.blocks) ? (args.blocks as Array<{ type?: string }>) : []
    const at = blocks.findIndex((b) => b.type !== undefined && refusedBlocks.has(b.type))
    return at >= 0 ? fail('invalid_blocks', { errors: [`unsupported type: ${String(blocks[at]?.type)} [json-pointer:/blocks/${at}/type]`] }) : null
  }

  const ok = (body: Record<string, unknown> = {}) => HttpResponse.json({ ok: true, ...body })
  const methods: Record<string, (args: Record<string, unknown>, call: WebApiCall) => Response> = {
    'auth.test': () => ok({ url: 'https://acme.slack.com/', team: 'Acme', user: 'docuquery', team_id: TEAM, user_id: BOT_USER, bot_id: BOT_ID, is_enterprise_install: false }),
    'chat.postMessage': (args, call) => {
      if (notIn.has(String(args.channel))) return fail('not_in_channel')
      const bad = refused(args)
      if (bad) return bad
      const ts = newTs()
      call.ts = ts
      return ok({ channel: args.channel, ts, message: { type: 'message', text: args.text, user: BOT_USER, bot_id: BOT_ID, ts } })
    },
    'chat.update': (args) => refused(args) ?? ok({ channel: args.channel, ts: args.ts, text: args.text }),
    'chat.postEphemeral': (args) => (notIn.has(String(args.channel)) ? fail('not_in_channel') : ok({ message_ts: newTs() })),
    'chat.startStream': (args, call) => {
      const ts = newTs()
      call.ts = ts
      return ok({ channel: args.channel, ts })
    },
    'chat.appendStream': (args) => ok({ channel: args.channel, ts: args.ts }),
    'chat.stopStream': (args) =>
      refused(args) ??
      ok({
        channel: args.channel,
        ts: args.ts,
        message: { type: 'message', subtype: 'bot_message', text: '', user: BOT_USER, bot_id: BOT_ID, ts: args.ts, streaming_state: 'completed', blocks: args.blocks ?? [] },
      }),
    'conversations.replies': (args) => {
      if (notIn.has(String(args.channel))) return fail('not_in_channel')
      const messages = threads.get(`${String(args.channel)}:${String(args.ts)}`)
      return messages ? ok({ messages: messages.slice(0, Number(args.limit ?? messages.length)), has_more: false }) : fail('thread_not_found')
    },
    'conversations.open': (args) => ok({ channel: { id: `D0${String(args.users).replace(/^U0?/, '').slice(0, 8)}` } }),
    'views.open': (args) => ok({ view: { id: `V0${++posted}`, team_id: TEAM, type: 'modal', ...(args.view as object) } }),
    'views.publish': (args) => ok({ view: { id: `V0${++posted}`, team_id: TEAM, type: 'home', ...(args.view as object) } }),
    'assistant.threads.setStatus': () => ok(),
    'assistant.threads.setSuggestedPrompts': () => ok(),
    'chat.getPermalink': (args) => ok({ channel: args.channel, permalink: `https://acme.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}` }),
    'reactions.add': () => ok(),
    'reactions.remove': () => ok(),
    'conversations.info': (args) => ok({ channel: { id: args.channel, is_channel: true, is_private: String(args.channel).startsWith('G'), is_im: false, is_mpim: false } }),
    'files.info': (args) => ok({ file: { id: args.file } }),
    'users.info': (args) => ok({ user: { id: args.user, is_admin: admins.has(String(args.user)), is_owner: false, is_primary_owner: false } }),
  }

  const handlers = [
    http.post(`${apiUrl}:method`, async ({ request, params }) => {
      const method = String(params.method)
      const args = parseArgs(await request.text(), request.headers.get('content-type') ?? '')
      const call: WebApiCall = { method, args, at: performance.now() }
      calls.push(call)
      const answer = unsupported.has(method) ? undefined : methods[method]
      return answer ? answer(args, call) : HttpResponse.json({ ok: false, error: 'unknown_method' })
    }),
    http.get('https://files.slack.com/files-pri/*', ({ request }) => {
      const file = downloads.get(request.url)
      if (!file || request.headers.get('authorization') !== `Bearer ${BOT_TOKEN}`) return new HttpResponse('not found', { status: 404 })
      return new HttpResponse(file.bytes, { headers: { 'content-type': file.contentType } })
    }),
    http.post('https://hooks.slack.com/*', async ({ request }) => {
      responses.push((await request.json()) as Record<string, unknown>)
      return new HttpResponse('ok')
    }),
  ]

  return {
    handlers,
    calls,
    /** What /docuquery and shortcuts answered through response_url. */
    responses,
    admins,
    unsupported,
    refusedBlocks,
    notIn,
    /** What conversations.replies answers for the thread `ts` of `channel` (the parent first). */
    setThread(channel: string, ts: string, messages: Array<Record<string, unknown>>) {
      threads.set(`${channel}:${ts}`, messages)
    },
    serveFile(file: Pick<FakeFile, 'id' | 'name'>, bytes: Uint8Array, contentType = 'application/octet-stream') {
      downloads.set(fileUrl(file), { bytes, contentType })
    },
    called: (method: string) => calls.filter((c) => c.method === method),
    /** Messages posted in a thread (or, without ts, in the channel), in order. */
    posts: (channel: string, threadTs?: string) =>
      calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && (threadTs === undefined || c.args.thread_ts === threadTs)),
    reactions: (channel: string, ts: string) =>
      calls.filter((c) => (c.method === 'reactions.add' || c.method === 'reactions.remove') && c.args.channel === channel && c.args.timestamp === ts).map((c) => `${c.method === 'reactions.add' ? '+' : '-'}${String(c.args.name)}`),
  }
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>
  const args: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = value.startsWith('[') || value.startsWith('{') ? safeJson(value) : value
  }
  return args
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

export type SlackFake = ReturnType<typeof createSlackFake>
