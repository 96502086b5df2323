import type { Logger } from '../../src/index.ts'
import { type App, type Receiver, type ReceiverEvent, verifySlackRequest } from '@slack/bolt'
import { Hono } from 'hono'

export interface HonoReceiverOptions {
  signingSecret: string
  logger: Logger
  /** Slack gives up after 3 s; answer a little before, even if a listener never acked. */
  ackTimeoutMs?: number
}

const MAX_CLOCK_SKEW_SECONDS = 5 * 60

/** Slack's own rule, both ways: a timestamp more than five minutes from now is refused. */
export function isFresh(timestampSeconds: number, nowMs: number): boolean {
  return Number.isFinite(timestampSeconds) && Math.abs(nowMs / 1000 - timestampSeconds) <= MAX_CLOCK_SKEW_SECONDS
}

type AckResult = { response: unknown } | { failed: true }

/**
 * Bolt's transport port, served by Hono on the admin server's port instead of
 * Bolt's own HTTP server. Verification is Bolt's own `verifySlackRequest`
 * (HMAC v0 signature), after a check that the timestamp is within five
 * minutes of now in either direction. The HTTP response is sent as soon as a
 * listener acks; the work after the ack goes on in the background and is
 * tracked, so `idle()` can wait for it.
 */
export class HonoReceiver implements Receiver {
  private bolt: App | undefined
  private readonly inFlight = new Set<Promise<void>>()
  private readonly options: Required<HonoReceiverOptions>

  constructor(options: HonoReceiverOptions) {
    this.options = { ackTimeoutMs: 2500, ...options }
  }

  init(app: App): void {
    this.bolt = app
  }

  start(): Promise<void> {
    return Promise.resolve()
  }

  stop(): Promise<void> {
    return this.idle()
  }

  /** Resolves when every event received so far has been fully handled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  /** `POST /events`: Events API, slash commands and interactivity all arrive here. */
  routes(): Hono {
    const routes = new Hono()
    routes.post('/events', async (c) => {
      const raw = await c.req.text()
      const timestamp = Number(c.req.header('x-slack-request-timestamp'))
      // Bolt refuses only the past; a request stamped ahead could be replayed until its time came.
      if (!isFresh(timestamp, Date.now())) {
        this.options.logger.warn({ timestamp }, 'Slack request refused: its timestamp is more than five minutes from now')
        return c.text('invalid request timestamp', 401)
      }
      try {
        verifySlackRequest({
          signingSecret: this.options.signingSecret,
          body: raw,
          headers: { 'x-slack-signature': c.req.header('x-slack-signature') ?? '', 'x-slack-request-timestamp': timestamp },
        })
      } catch (error) {
        this.options.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'Slack request refused: bad signature or stale timestamp')
        return c.text('invalid request signature', 401)
      }
      const body = parseBody(raw, c.req.header('content-type') ?? '')
      if (!body) return c.text('malformed body', 400)
      if (body.ssl_check) return c.body(null, 200)
      if (body.type === 'url_verification') return c.json({ challenge: body.challenge })

      const acked = await this.dispatch(body, c.req.header('x-slack-retry-num'), c.req.header('x-slack-retry-reason'))
      if ('failed' in acked) return c.text('failed to process the event', 500)
      const { response } = acked
      if (response === undefined || response === '') return c.body(null, 200)
      return typeof response === 'string' ? c.text(response) : c.json(response as object)
    })
    return routes
  }

  private dispatch(body: Record<string, unknown>, retryNum: string | undefined, retryReason: string | undefined): Promise<AckResult> {
    const bolt = this.bolt
    if (!bolt) throw new Error('HonoReceiver used before Bolt initialised it')
    let settle: (result: AckResult) => void = () => {}
    const acked = new Promise<AckResult>((resolve) => {
      settle = resolve
    })
    let isAcked = false
    const event: ReceiverEvent = {
      body,
      ...(retryNum !== undefined ? { retryNum: Number(retryNum) } : {}),
      ...(retryReason !== undefined ? { retryReason } : {}),
      ack: async (response?: unknown) => {
        if (isAcked) return
        isAcked = true
        settle({ response })
      },
    }
    const timer = setTimeout(() => settle({ response: undefined }), this.options.ackTimeoutMs)
    const work = bolt
      .processEvent(event)
      .then(() => settle({ response: undefined }))
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'Slack event handling failed')
        settle(isAcked ? { response: undefined } : { failed: true })
      })
      .finally(() => {
        clearTimeout(timer)
        this.inFlight.delete(work)
      })
    this.inFlight.add(work)
    return acked
  }
}

/** Events come as JSON; commands as a form; interactivity as a form with a JSON `payload`. */
function parseBody(raw: string, contentType: string): Record<string, unknown> | null {
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(raw))
      if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>
      return form
    }
    const parsed: unknown = JSON.parse(raw)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}
