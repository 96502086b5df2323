import { EventEmitter } from 'node:events'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { type WebSocket, WebSocketServer } from 'ws'
import { shardOf, snowflake } from './snowflakes.ts'

/**
 * A local stand-in for Discord: a REST server (the routes DocuQuery's adapter
 * and discord.js use, plus attachment downloads) and a gateway speaking the
 * real protocol (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, DISPATCH)
 * as plain JSON, which discord.js uses when zlib-sync is not installed.
 * Requests nobody expected are answered 404 and listed in `unhandled`.
 */

const VIEW_CHANNEL = 1n << 10n
// view, send, history, attach, react, create public threads, send in threads
const ALL_MEMBER_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 15n) | (1n << 6n) | (1n << 35n) | (1n << 38n)

export interface DoubleChannel {
  id: string
  name: string
  /** @everyone is denied View Channel here. */
  private?: boolean
  /** A public thread (type 11) of this parent channel. */
  parentId?: string
  /** A forum channel (type 15): every post is a thread. */
  forum?: boolean
}

export interface DoubleGuild {
  id: string
  name: string
  channels: DoubleChannel[]
}

export interface DoubleUser {
  id: string
  username: string
  bot?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  status: number
  body: unknown
  /** What the double answered (a message object for a posted message). */
  response?: unknown
  at: number
}

/** A message as the gateway and REST carry it (enough of it for discord.js). */
export type MessagePayload = Record<string, unknown> & { id: string; channel_id: string }

export interface AttachmentPayload {
  id: string
  filename: string
  size: number
  url: string
  proxy_url: string
  content_type?: string
}

export interface DoubleOptions {
  token: string
  bot: DoubleUser
  guilds: DoubleGuild[]
  /** Shards Discord recommends in GET /gateway/bot. */
  shards?: number
  heartbeatMs?: number
}

interface PendingRateLimit {
  match: (method: string, path: string) => boolean
  retryAfter: number
}

export async function startGatewayDouble(options: DoubleOptions) {
  const shardCount = options.shards ?? 1
  const requests: RecordedRequest[] = []
  const unhandled: string[] = []
  const identifies: Array<{ shard: [number, number]; intents: number }> = []
  const events = new EventEmitter()
  events.setMaxListeners(0)
  const attachments = new Map<string, { bytes: Uint8Array; contentType: string }>()
  const redirects = new Map<string, string>()
  const rateLimits: PendingRateLimit[] = []
  const sockets = new Map<number, { socket: WebSocket; seq: number }>()
  const botUser = { id: options.bot.id, username: options.bot.username, discriminator: '0', global_name: null, avatar: null, bot: true }
  const channelGuild = new Map<string, DoubleGuild>()
  for (const guild of options.guilds) for (const channel of guild.channels) channelGuild.set(channel.id, guild)
  // Every message that exists (sent by users through the gateway, or posted by the bot), by channel and id.
  const messages = new Map<string, MessagePayload>()
  const messageKey = (channelId: string, id: string) => `${channelId}/${id}`
  const remember = (message: MessagePayload) => {
    messages.set(messageKey(message.channel_id, message.id), message)
    return message
  }

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })
  const wss = new WebSocketServer({ server })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  function record(entry: RecordedRequest): void {
    requests.push(entry)
    events.emit('request', entry)
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const parts: Buffer[] = []
    for await (const part of req) parts.push(part as Buffer)
    const text = Buffer.concat(parts).toString('utf8')
    if (!text) return null
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text
    }
  }

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): number {
    res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers })
    res.end(body === undefined ? undefined : JSON.stringify(body))
    return status
  }

  function messageObject(channelId: string, body: Record<string, unknown>, id = snowflake()): MessagePayload {
    const guild = channelGuild.get(channelId)
    const reference = body.message_reference as { message_id?: string } | undefined
    return {
      id,
      channel_id: channelId,
      ...(guild ? { guild_id: guild.id } : {}),
      author: botUser,
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: reference ? 19 : 0,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      components: Array.isArray(body.components) ? body.components : [],
      ...(reference ? { message_reference: { ...reference, channel_id: channelId } } : {}),
    }
  }

  const threads = new Set(options.guilds.flatMap((g) => g.channels.filter((c) => c.parentId).map((c) => c.id)))
  const threadObjects = new Map<string, ReturnType<typeof threadObject>>()

  /** POST /channels/{channel}/messages/{message}/threads: the thread takes the message's id, as on Discord. */
  function startThreadFromMessage(
    channelId: string,
    messageId: string,
    body: { name?: string; auto_archive_duration?: number },
    answer: (status: number, payload?: unknown) => void,
  ): void {
    const guild = channelGuild.get(channelId)
    const message = messages.get(messageKey(channelId, messageId))
    if (!guild || !message) return answer(404, { message: 'Unknown Message', code: 10008 })
    if (threads.has(channelId)) return answer(400, { message: 'Cannot execute action on this channel type', code: 50024 })
    if (threads.has(messageId)) return answer(400, { message: 'A thread has already been created for this message', code: 160004 })
    if (!body.name || body.name.length > 100) return answer(400, { message: 'Invalid Form Body', code: 50035, errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } } })
    const thread = threadObject({ id: messageId, guildId: guild.id, parentId: channelId, name: body.name, ownerId: options.bot.id, archiveMinutes: body.auto_archive_duration ?? 4320 })
    threads.add(messageId)
    threadObjects.set(messageId, thread)
    channelGuild.set(messageId, guild)
    // The message now says it has a thread (flag HAS_THREAD, 1 << 5) and carries it.
    remember({ ...message, flags: Number(message.flags ?? 0) | 32, thread })
    answer(201, thread)
    dispatch('THREAD_CREATE', { ...thread, newly_created: true, member: { id: messageId, user_id: options.bot.id, join_timestamp: new Date().toISOString(), flags: 0 } }, guild.id)
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    const method = req.method ?? 'GET'
    const path = decodeURIComponent(url.pathname)
    const body = await readBody(req)
    const at = performance.now()
    const answer = (status: number, payload?: unknown, headers?: Record<string, string>) =>
      record({ method, path, status: send(res, status, payload, headers), body, response: payload, at })

    const attachment = /^\/attachments\/(\d+)\//.exec(path)
    if (attachment && method === 'GET') {
      const location = redirects.get(attachment[1] ?? '')
      if (location) {
        res.writeHead(302, { location }).end()
        return record({ method, path, status: 302, body: null, at })
      }
      const file = attachments.get(attachment[1] ?? '')
      if (!file) return answer(404, { message: 'This content is no longer available.' })
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.byteLength) })
      res.end(file.bytes)
      return record({ method, path, status: 200, body: null, at })
    }
    if (!path.startsWith('/api/v10/')) return answer(404, { message: '404: Not Found', code: 0 })
    const route = path.slice('/api/v10'.length)
    const authorized = req.headers.authorization === `Bot ${options.token}`
    const webhook = route.startsWith('/interactions/') || route.startsWith('/webhooks/')
    if (!webhook && !authorized) return answer(401, { message: '401: Unauthorized', code: 0 })

    const limit = rateLimits.findIndex((r) => r.match(method, route))
    if (limit >= 0) {
      const { retryAfter } = rateLimits.splice(limit, 1)[0] as PendingRateLimit
      return answer(
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        {
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
          'x-ratelimit-reset-after': String(retryAfter),
          'x-ratelimit-bucket': 'double-bucket',
          'x-ratelimit-scope': 'user',
        },
      )
    }

    let match: RegExpExecArray | null
    if (method === 'GET' && route === '/gateway/bot') {
      return answer(200, {
        url: `ws://127.0.0.1:${port}`,
        shards: shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      })
    }
    if (method === 'GET' && (route === '/applications/@me' || route === '/oauth2/applications/@me')) {
      return answer(200, { id: options.bot.id, name: options.bot.username, flags: 0, bot_public: true })
    }
    if (method === 'PUT' && (match = /^\/applications\/(\d+)(?:\/guilds\/\d+)?\/commands$/.exec(route))) {
      const list = Array.isArray(body) ? (body as Array<Record<string, unknown>>) : []
      return answer(200, list.map((c) => ({ ...c, id: snowflake(), application_id: match?.[1], version: snowflake() })))
    }
    if (method === 'POST' && /^\/channels\/\d+\/typing$/.test(route)) return answer(204)
    if (method === 'POST' && (match = /^\/channels\/(\d+)\/messages$/.exec(route))) {
      return answer(200, remember(messageObject(match[1] ?? '', (body ?? {}) as Record<string, unknown>)))
    }
    if (method === 'PATCH' && (match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(route))) {
      const edited = { ...messageObject(match[1] ?? '', (body ?? {}) as Record<string, unknown>, match[2]), edited_timestamp: new Date().toISOString() }
      return answer(200, remember(edited))
    }
    if (method === 'GET' && (match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(route))) {
      const found = messages.get(messageKey(match[1] ?? '', match[2] ?? ''))
      return found ? answer(200, found) : answer(404, { message: 'Unknown Message', code: 10008 })
    }
    if (method === 'GET' && (match = /^\/channels\/(\d+)$/.exec(route)) && threadObjects.has(match[1] ?? '')) {
      return answer(200, threadObjects.get(match[1] ?? ''))
    }
    if (method === 'POST' && (match = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(route))) {
      return startThreadFromMessage(match[1] ?? '', match[2] ?? '', (body ?? {}) as { name?: string; auto_archive_duration?: number }, answer)
    }
    if ((method === 'PUT' || method === 'DELETE') && /^\/channels\/\d+\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(route)) {
      return answer(204)
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(route)) return answer(204)
    if (method === 'PATCH' && (match = /^\/webhooks\/\d+\/[^/]+\/messages\/(@original|\d+)$/.exec(route))) {
      return answer(200, { ...messageObject('0', (body ?? {}) as Record<string, unknown>), webhook_id: options.bot.id })
    }
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(route)) {
      return answer(200, { ...messageObject('0', (body ?? {}) as Record<string, unknown>), webhook_id: options.bot.id })
    }
    unhandled.push(`${method} ${route}`)
    return answer(404, { message: '404: Not Found', code: 0 })
  }

  wss.on('connection', (socket) => {
    let shard = -1
    const sendOp = (op: number, d: unknown, t: string | null = null) => {
      const entry = shard >= 0 ? sockets.get(shard) : undefined
      const s = op === 0 && entry ? ++entry.seq : null
      socket.send(JSON.stringify({ op, d, s, t }))
    }
    sendOp(10, { heartbeat_interval: options.heartbeatMs ?? 45_000 })
    socket.on('message', (raw) => {
      let packet: { op: number; d: unknown }
      try {
        packet = JSON.parse(String(raw)) as { op: number; d: unknown }
      } catch {
        return
      }
      if (packet.op === 1) return sendOp(11, null)
      if (packet.op !== 2) return
      const d = packet.d as { token: string; intents: number; shard?: [number, number] }
      if (d.token !== options.token) return socket.close(4004, 'Authentication failed.')
      const [id, count] = d.shard ?? [0, 1]
      shard = id
      identifies.push({ shard: [id, count], intents: d.intents })
      sockets.set(id, { socket, seq: 0 })
      const guilds = options.guilds.filter((g) => shardOf(g.id, count) === id)
      sendOp(
        0,
        {
          v: 10,
          user: { ...botUser, verified: true, mfa_enabled: false, flags: 0 },
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: `session-${id}`,
          resume_gateway_url: `ws://127.0.0.1:${port}`,
          shard: [id, count],
          application: { id: options.bot.id, flags: 0 },
        },
        'READY',
      )
      for (const guild of guilds) sendOp(0, guildCreate(guild, botUser), 'GUILD_CREATE')
    })
    socket.on('close', () => {
      if (shard >= 0 && sockets.get(shard)?.socket === socket) sockets.delete(shard)
    })
  })

  const userObject = (u: DoubleUser) => ({ id: u.id, username: u.username, discriminator: '0', global_name: null, avatar: null, ...(u.bot ? { bot: true } : {}) })

  /** A user's message as MESSAGE_CREATE carries it; remembered, so GET and message commands find it. */
  function userMessage(message: { id: string; channelId: string; author: DoubleUser; content: string; mentions?: DoubleUser[]; attachments?: AttachmentPayload[]; dm?: boolean }): MessagePayload {
    const guild = message.dm ? undefined : channelGuild.get(message.channelId)
    return remember({
      id: message.id,
      channel_id: message.channelId,
      ...(guild ? { guild_id: guild.id, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } } : {}),
      author: userObject(message.author),
      content: message.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: (message.mentions ?? []).map(userObject),
      mention_roles: [],
      attachments: message.attachments ?? [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
      ...(message.dm ? { channel_type: 1 } : {}),
    })
  }

  /**
   * INTERACTION_CREATE of `type` (2 command, 3 component, 4 autocomplete, 5
   * modal) from `user` in `channelId`, with Discord's common fields; the reply
   * goes to POST /interactions/{id}/{token}/callback, later edits to the webhook.
   */
  function sendInteraction(channelId: string, who: DoubleUser, type: number, data: unknown, extra: Record<string, unknown> = {}, permissions?: bigint) {
    const id = snowflake()
    const token = `interaction-token-${id}`
    const guild = channelGuild.get(channelId)
    const user = userObject(who)
    const d = {
      id,
      application_id: options.bot.id,
      type,
      token,
      version: 1,
      locale: 'en-US',
      channel_id: channelId,
      channel: { id: channelId, type: threads.has(channelId) ? 11 : 0 },
      app_permissions: String(ALL_MEMBER_PERMISSIONS),
      entitlements: [],
      authorizing_integration_owners: { 0: guild?.id ?? '0' },
      context: guild ? 0 : 1,
      ...(guild
        ? {
            guild_id: guild.id,
            guild_locale: 'en-US',
            member: { user, roles: [], permissions: String(permissions ?? ALL_MEMBER_PERMISSIONS), joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
          }
        : { user }),
      data,
      ...extra,
    }
    return { id, token, at: dispatch('INTERACTION_CREATE', d, guild?.id) }
  }

  /** Sends a DISPATCH on the shard that carries this guild (shard 0 for DMs). */
  function dispatch(t: string, d: unknown, guildId?: string): number {
    const shard = guildId ? shardOf(guildId, shardCount) : 0
    const entry = sockets.get(shard)
    if (!entry) throw new Error(`shard ${shard} is not connected`)
    const at = performance.now()
    entry.socket.send(JSON.stringify({ op: 0, t, s: ++entry.seq, d }))
    return at
  }

  return {
    apiUrl: `${origin}/api`,
    requests,
    unhandled,
    identifies,

    /** Stores a file on the "CDN"; returns the attachment object a MESSAGE_CREATE carries. */
    addAttachment(filename: string, bytes: Uint8Array, contentType = 'application/octet-stream'): AttachmentPayload {
      const id = snowflake()
      attachments.set(id, { bytes, contentType })
      const url = `${origin}/attachments/${id}/${encodeURIComponent(filename)}?ex=${(Math.floor(Date.now() / 1000) + 86_400).toString(16)}&is=0&hm=signed`
      return { id, filename, size: bytes.byteLength, url, proxy_url: url, content_type: contentType }
    },

    /** An attachment whose CDN URL redirects to `location` (a CDN that moved it, or one that sends it elsewhere). */
    addRedirect(filename: string, location: string, size = 100): AttachmentPayload {
      const id = snowflake()
      redirects.set(id, location)
      const url = `${origin}/attachments/${id}/${encodeURIComponent(filename)}`
      return { id, filename, size, url, proxy_url: url, content_type: 'text/markdown' }
    },

    /** A MESSAGE_CREATE from `author` in `channelId` (a guild channel, or a DM channel when `dm`). */
    sendMessage(message: {
      channelId: string
      author: DoubleUser
      content: string
      mentions?: DoubleUser[]
      attachments?: AttachmentPayload[]
      id?: string
      dm?: boolean
    }): { id: string; at: number; payload: MessagePayload } {
      const payload = userMessage({ ...message, id: message.id ?? snowflake() })
      return { id: payload.id, at: dispatch('MESSAGE_CREATE', payload, message.dm ? undefined : channelGuild.get(message.channelId)?.id), payload }
    },

    /** Every message the double knows (sent by users, posted or edited by the bot), by channel and id. */
    message(channelId: string, id: string): MessagePayload | undefined {
      return messages.get(messageKey(channelId, id))
    },

    /** A click on a button (`custom_id`) of `message`: INTERACTION_CREATE type 3 (MESSAGE_COMPONENT). */
    clickButton(click: { channelId: string; user: DoubleUser; message: MessagePayload; customId: string }) {
      return sendInteraction(click.channelId, click.user, 3, { custom_id: click.customId, component_type: 2 }, { message: click.message })
    },

    /**
     * A submitted modal: INTERACTION_CREATE type 5 (MODAL_SUBMIT). `values`
     * maps each labelled component's custom_id to a text (a text input) or a
     * list (a string select), as Discord sends them inside Label components.
     */
    submitModal(submit: { channelId: string; user: DoubleUser; customId: string; values: Record<string, string | string[]>; message?: MessagePayload }) {
      const components = Object.entries(submit.values).map(([customId, value], i) => ({
        type: 18,
        id: i * 2 + 1,
        component: Array.isArray(value)
          ? { type: 3, id: i * 2 + 2, custom_id: customId, values: value }
          : { type: 4, id: i * 2 + 2, custom_id: customId, value },
      }))
      return sendInteraction(submit.channelId, submit.user, 5, { custom_id: submit.customId, components }, submit.message ? { message: submit.message } : {})
    },

    /** A message command (right-click → Apps → `name`) on `target`: INTERACTION_CREATE type 2, data.type 3. */
    sendMessageCommand(command: { channelId: string; user: DoubleUser; name: string; target: MessagePayload }) {
      return sendInteraction(command.channelId, command.user, 2, {
        id: '2',
        name: command.name,
        type: 3,
        target_id: command.target.id,
        resolved: { messages: { [command.target.id]: command.target } },
      })
    },

    /** Typing in an autocomplete option of `/docuquery <sub>`: INTERACTION_CREATE type 4 (APPLICATION_COMMAND_AUTOCOMPLETE). */
    sendAutocomplete(typing: { channelId: string; user: DoubleUser; sub: string; option: string; value: string }) {
      return sendInteraction(typing.channelId, typing.user, 4, {
        id: '1',
        name: 'docuquery',
        type: 1,
        options: [{ name: typing.sub, type: 1, options: [{ name: typing.option, type: 3, value: typing.value, focused: true }] }],
      })
    },

    /**
     * Someone posts in a forum channel: THREAD_CREATE (newly_created) for the
     * post, then MESSAGE_CREATE for its starter message (same id as the thread),
     * in Discord's order. `newlyCreated: false` is the THREAD_CREATE a bot gets
     * when it is added to an existing thread.
     */
    createForumPost(post: {
      forumId: string
      author: DoubleUser
      title: string
      content: string
      newlyCreated?: boolean
      /** false: the starter message exists (REST has it) but its MESSAGE_CREATE has not arrived yet. */
      starterOverGateway?: boolean
    }): { threadId: string; at: number } {
      const guild = channelGuild.get(post.forumId)
      if (!guild) throw new Error(`no forum ${post.forumId}`)
      const threadId = snowflake()
      const thread = threadObject({ id: threadId, guildId: guild.id, parentId: post.forumId, name: post.title, ownerId: post.author.id, archiveMinutes: 4320 })
      threads.add(threadId)
      threadObjects.set(threadId, thread)
      channelGuild.set(threadId, guild)
      const at = dispatch('THREAD_CREATE', { ...thread, ...(post.newlyCreated === false ? {} : { newly_created: true }) }, guild.id)
      const starter = userMessage({ id: threadId, channelId: threadId, author: post.author, content: post.content })
      if (post.starterOverGateway !== false) dispatch('MESSAGE_CREATE', starter, guild.id)
      return { threadId, at }
    },

    /** An INTERACTION_CREATE for `/docuquery <sub>` with string options. */
    sendCommand(command: {
      channelId: string
      user: DoubleUser
      sub: string
      options?: Record<string, string>
      /** Member permissions (bitfield); Manage Messages is 1 << 13. */
      permissions?: bigint
    }): { id: string; token: string; at: number } {
      const data = {
        id: '1',
        name: 'docuquery',
        type: 1,
        options: [{ name: command.sub, type: 1, options: Object.entries(command.options ?? {}).map(([name, value]) => ({ name, type: 3, value })) }],
      }
      return sendInteraction(command.channelId, command.user, 2, data, {}, command.permissions)
    },

    dispatch,

    /** The next request matching `method route` (e.g. POST on a channel's messages) is answered 429. */
    rateLimitNext(method: string, route: RegExp, retryAfterSeconds: number): void {
      rateLimits.push({ match: (m, p) => m === method && route.test(p), retryAfter: retryAfterSeconds })
    },

    /** The first recorded request (past or future) for which `predicate` holds. */
    waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = 30_000): Promise<RecordedRequest> {
      const found = requests.find(predicate)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('request', listener)
          const seen = requests.slice(-15).map((r) => `${r.method} ${r.path} ${r.status}`).join('\n  ')
          reject(new Error(`no matching request within ${timeoutMs} ms; last requests:\n  ${seen}`))
        }, timeoutMs)
        const listener = (request: RecordedRequest) => {
          if (!predicate(request)) return
          clearTimeout(timer)
          events.off('request', listener)
          resolve(request)
        }
        events.on('request', listener)
      })
    },

    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type GatewayDouble = Awaited<ReturnType<typeof startGatewayDouble>>

/** A public thread (type 11) as channel payloads carry it. */
function threadObject(t: { id: string; guildId: string; parentId: string; name: string; ownerId: string; archiveMinutes: number }) {
  return {
    id: t.id,
    type: 11,
    name: t.name,
    guild_id: t.guildId,
    parent_id: t.parentId,
    owner_id: t.ownerId,
    last_message_id: t.id,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    rate_limit_per_user: 0,
    flags: 0,
    applied_tags: [],
    thread_metadata: { archived: false, auto_archive_duration: t.archiveMinutes, archive_timestamp: new Date().toISOString(), locked: false, create_timestamp: new Date().toISOString() },
  }
}

function guildCreate(guild: DoubleGuild, bot: { id: string }) {
  const now = new Date().toISOString()
  const channels = guild.channels.filter((c) => !c.parentId)
  const threads = guild.channels.filter((c) => c.parentId)
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: '1000000000000000001',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    system_channel_flags: 0,
    unavailable: false,
    large: false,
    member_count: 3,
    joined_at: now,
    roles: [
      { id: guild.id, name: '@everyone', permissions: String(ALL_MEMBER_PERMISSIONS), position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
    ],
    emojis: [],
    stickers: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    members: [{ user: { ...bot, username: 'DocuQuery', discriminator: '0', bot: true }, roles: [], joined_at: now, deaf: false, mute: false, flags: 0 }],
    channels: channels.map((c, position) => ({
      id: c.id,
      type: c.forum ? 15 : 0,
      ...(c.forum ? { available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0, default_thread_rate_limit_per_user: 0, flags: 0 } : {}),
      name: c.name,
      position,
      parent_id: null,
      nsfw: false,
      topic: null,
      rate_limit_per_user: 0,
      last_message_id: null,
      permission_overwrites: c.private
        ? [
            { id: guild.id, type: 0, allow: '0', deny: String(VIEW_CHANNEL) },
            { id: bot.id, type: 1, allow: String(VIEW_CHANNEL), deny: '0' },
          ]
        : [],
    })),
    threads: threads.map((t) => ({
      id: t.id,
      type: 11,
      name: t.name,
      guild_id: guild.id,
      parent_id: t.parentId,
      owner_id: '1000000000000000001',
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now, locked: false },
    })),
  }
}
