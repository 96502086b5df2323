import { formatBytes, type Logger } from '../../src/index.ts'
import { createHash, timingSafeEqual } from 'node:crypto'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { bearerToken } from '../admin/require-admin.ts'
import type { EmailCounters } from './email-counters.ts'
import { EmailRefusal, asRefusal } from './email-refusal.ts'
import type { InboundEmail, ReceiveEmail } from './receive-email.ts'

export interface InboundRouteDeps {
  receive: ReceiveEmail
  token: string
  maxBytes: number
  counters: EmailCounters
  logger: Logger
}

/**
 * `POST /inbound/email` (mounted at `/inbound` on the admin port): a mail
 * provider's inbound webhook posts the raw MIME message, either as the body
 * or as a form field (`email` for SendGrid Inbound Parse "raw", `body-mime`
 * for Mailgun's MIME routes). The token comes in the URL (`?token=`), as a
 * bearer or `X-Inbound-Token` header, or as the password of Basic auth, since
 * providers differ in what they can send.
 */
export function inboundEmailRoutes(deps: InboundRouteDeps) {
  const expected = digest(deps.token)
  const app = new Hono()
  app.post(
    '/email',
    async (c, next) => {
      if (!timingSafeEqual(digest(givenToken(c)), expected)) {
        return c.json({ error: { code: 'unauthorized', message: 'A valid inbound e-mail token is required.' } }, 401)
      }
      return await next()
    },
    // Form encoding can double the size of the message inside it.
    bodyLimit({
      maxSize: deps.maxBytes * 2 + 64 * 1024,
      onError: () => {
        deps.counters.count('http', 'refused_size')
        throw new EmailRefusal('size', `the message is larger than the ${formatBytes(deps.maxBytes)} limit`)
      },
    }),
    async (c) => {
      const inbound = await readInbound(c).catch((error: unknown) => {
        deps.counters.count('http', `refused_${asRefusal(error).reason}`)
        throw error
      })
      const accepted = await deps.receive(inbound)
      return c.json(
        {
          messageId: accepted.messageId,
          source: accepted.source,
          subject: accepted.subject,
          deliveries: accepted.deliveries.map((d) => ({ workspace: d.workspace, channel: d.channel, ...d.receipt })),
        },
        202,
      )
    },
  )
  // This door's one error boundary: refusals become their status, the rest a 503 to retry.
  app.onError((error, c) => {
    const refusal = asRefusal(error)
    if (refusal.reason === 'temporary') deps.logger.error({ err: refusal.cause ?? error }, 'inbound e-mail request failed')
    return c.json({ error: refusal.toJSON(), reason: refusal.reason }, refusal.httpStatus)
  })
  return app
}

async function readInbound(c: Context): Promise<InboundEmail> {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  const query = envelopeFromRequest(c)
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    const form = await c.req.parseBody()
    const field = form.email ?? form['body-mime']
    const raw = typeof field === 'string' ? Buffer.from(field, 'utf8') : field instanceof File ? new Uint8Array(await field.arrayBuffer()) : null
    if (!raw) throw new EmailRefusal('malformed', 'the form has no "email" or "body-mime" field with the raw message')
    return { via: 'http', raw, ...formEnvelope(form), ...query }
  }
  return { via: 'http', raw: new Uint8Array(await c.req.arrayBuffer()), ...query }
}

/** `?from=&to=` or `X-Envelope-From` / `X-Envelope-To`: the envelope, when the provider passes it. */
function envelopeFromRequest(c: Context): Partial<Pick<InboundEmail, 'envelopeFrom' | 'recipients'>> {
  const from = c.req.query('from') ?? c.req.header('x-envelope-from')
  const to = [...c.req.queries('to') ?? [], c.req.header('x-envelope-to') ?? ''].flatMap(splitList)
  return { ...(from !== undefined ? { envelopeFrom: from } : {}), ...(to.length > 0 ? { recipients: to } : {}) }
}

/** SendGrid: `envelope` = {"to":[…],"from":"…"}; Mailgun: `recipient` and `sender`. */
function formEnvelope(form: Record<string, unknown>): Partial<Pick<InboundEmail, 'envelopeFrom' | 'recipients'>> {
  if (typeof form.envelope === 'string') {
    try {
      const envelope = JSON.parse(form.envelope) as { to?: unknown; from?: unknown }
      const to = Array.isArray(envelope.to) ? envelope.to.filter((v): v is string => typeof v === 'string') : []
      return { ...(typeof envelope.from === 'string' ? { envelopeFrom: envelope.from } : {}), ...(to.length > 0 ? { recipients: to } : {}) }
    } catch {
      return {}
    }
  }
  const to = typeof form.recipient === 'string' ? splitList(form.recipient) : []
  return { ...(typeof form.sender === 'string' ? { envelopeFrom: form.sender } : {}), ...(to.length > 0 ? { recipients: to } : {}) }
}

const splitList = (value: string): string[] => value.split(',').map((s) => s.trim()).filter((s) => s !== '')

function givenToken(c: Context): string {
  const query = c.req.query('token')
  if (query) return query
  const header = c.req.header('x-inbound-token')
  if (header) return header.trim()
  const authorization = c.req.header('authorization') ?? ''
  const bearer = bearerToken(authorization)
  if (bearer) return bearer
  const basic = /^basic[ \t]+(\S+)/i.exec(authorization.trim())?.[1]
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8')
    return decoded.slice(decoded.indexOf(':') + 1)
  }
  return ''
}

// Fixed-length digests keep the comparison constant-time whatever the lengths (as require-admin.ts does).
const digest = (value: string): Buffer => createHash('sha256').update(value).digest()
