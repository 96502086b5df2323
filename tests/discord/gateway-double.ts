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
const ALL_MEMBER_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 15n) | (1n << 6n) // view, send, history, attach, react

export interface DoubleChannel {
  id: string
  name: string
  /** @everyone is denied View Channel here. */
  private?: boolean
  /** A public thread (type 11) of this parent channel. */
  parentId?: string
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
  at: number
}

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

  function messageObject(channelId: string, body: Record<string, unknown>, id = snowflake()) {
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
      ...(reference ? { message_reference: { ...reference, channel_id: channelId } } : {}),
    }
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    const method = req.method ?? 'GET'
    const path = decodeURIComponent(url.pathname)
    const body = await readBody(req)
    const at = performance.now()
    const answer = (status: number, payload?: unknown, headers?: Record<string, string>) =>
      record({ method, path, status: send(res, status, payload, headers), body, at })

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
      return answer(200, messageObject(match[1] ?? '', (body ?? {}) as Record<string, unknown>))
    }
    if (method === 'PATCH' && (match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(route))) {
      return answer(200, { ...messageObject(match[1] ?? '', (body ?? {}) as Record<string, unknown>, match[2]), edited_timestamp: new Date().toISOString() })
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
    }): { id: string; at: number } {
      const id = message.id ?? snowflake()
      const guild = message.dm ? undefined : channelGuild.get(message.channelId)
      const author = { id: message.author.id, username: message.author.username, discriminator: '0', global_name: null, avatar: null, ...(message.author.bot ? { bot: true } : {}) }
      const d = {
        id,
        channel_id: message.channelId,
        ...(guild ? { guild_id: guild.id, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } } : {}),
        author,
        content: message.content,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: (message.mentions ?? []).map((u) => ({ id: u.id, username: u.username, discriminator: '0', global_name: null, avatar: null, ...(u.bot ? { bot: true } : {}) })),
        mention_roles: [],
        attachments: message.attachments ?? [],
        embeds: [],
        pinned: false,
        type: 0,
        flags: 0,
        ...(message.dm ? { channel_type: 1 } : {}),
      }
      return { id, at: dispatch('MESSAGE_CREATE', d, guild?.id) }
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
      const id = snowflake()
      const token = `interaction-token-${id}`
      const guild = channelGuild.get(command.channelId)
      const user = { id: command.user.id, username: command.user.username, discriminator: '0', global_name: null, avatar: null }
      const d = {
        id,
        application_id: options.bot.id,
        type: 2,
        token,
        version: 1,
        locale: 'en-US',
        channel_id: command.channelId,
        channel: { id: command.channelId, type: 0 },
        app_permissions: String(ALL_MEMBER_PERMISSIONS),
        entitlements: [],
        authorizing_integration_owners: { 0: guild?.id ?? '0' },
        context: guild ? 0 : 1,
        ...(guild
          ? {
              guild_id: guild.id,
              guild_locale: 'en-US',
              member: {
                user,
                roles: [],
                permissions: String(command.permissions ?? ALL_MEMBER_PERMISSIONS),
                joined_at: new Date().toISOString(),
                deaf: false,
                mute: false,
                flags: 0,
              },
            }
          : { user }),
        data: {
          id: '1',
          name: 'docuquery',
          type: 1,
          options: [
            {
              name: command.sub,
              type: 1,
              options: Object.entries(command.options ?? {}).map(([name, value]) => ({ name, type: 3, value })),
            },
          ],
        },
      }
      return { id, token, at: dispatch('INTERACTION_CREATE', d, guild?.id) }
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
      type: 0,
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
