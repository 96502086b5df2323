import { formatBytes, type Logger } from '../../src/index.ts'
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError } from 'smtp-server'
import type { EmailCounters } from './email-counters.ts'
import { EmailRefusal, asRefusal } from './email-refusal.ts'
import type { EmailRouter } from './email-routes.ts'
import type { ReceiveEmail } from './receive-email.ts'
import type { SenderPolicy } from './sender-policy.ts'

export interface SmtpListenerDeps {
  receive: ReceiveEmail
  router: EmailRouter
  senders: SenderPolicy
  counters: EmailCounters
  logger: Logger
}

export interface SmtpListenerOptions {
  host: string
  port: number
  maxBytes: number
  /** PEM certificate and key: STARTTLS is offered only with both. */
  tls?: { cert: Buffer; key: Buffer }
  /** Name in the greeting (defaults to the host name). */
  name?: string
}

/**
 * The SMTP door: refuses senders and recipients during the dialogue (so the
 * sending server bounces with a reason instead of us accepting and dropping),
 * then hands the whole message to the receiver and says 250 only once the
 * message is stored.
 */
export function createSmtpListener(deps: SmtpListenerDeps, options: SmtpListenerOptions) {
  const server = new SMTPServer({
    ...(options.name ? { name: options.name } : {}),
    banner: 'DocuQuery inbound mail',
    // Not advertised: smtp-server would refuse a too-large SIZE= itself, uncounted. Oversize
    // mail is refused here instead (at MAIL when the client declares SIZE, else after DATA).
    size: options.maxBytes,
    hideSize: true,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { cert: options.tls.cert, key: options.tls.key } : {}),
    disableReverseLookup: true,
    // There is no AUTH to offer, so an unauthenticated client is the normal case.
    maxAllowedUnauthenticatedCommands: false,
    logger: false,
    // Bounds for hostile clients; real senders stay far below them.
    maxClients: 200,
    maxRecipients: 100,
    onMailFrom(address, _session, callback) {
      if (!deps.senders.allows(address.address)) {
        deps.counters.count('smtp', 'refused_sender')
        return callback(smtpError(new EmailRefusal('sender', `mail from ${address.address || 'the null sender'} is not accepted here`)))
      }
      const declared = address.args ? Number(address.args.SIZE) : Number.NaN
      if (declared > options.maxBytes) {
        deps.counters.count('smtp', 'refused_size')
        return callback(smtpError(sizeRefusal(options.maxBytes)))
      }
      callback()
    },
    onRcptTo(address, _session, callback) {
      if (deps.router.scopeFor(address.address)) return callback()
      deps.counters.count('smtp', 'refused_recipient')
      callback(smtpError(new EmailRefusal('recipient', `${address.address}: no such mailbox here`)))
    },
    onData(stream, session, callback) {
      readMessage(stream, options.maxBytes)
        .then(async (raw) => {
          if (raw === null) {
            deps.counters.count('smtp', 'refused_size')
            throw sizeRefusal(options.maxBytes)
          }
          const mailFrom = session.envelope.mailFrom
          return await deps.receive({
            via: 'smtp',
            raw,
            envelopeFrom: mailFrom ? mailFrom.address : null,
            recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            client: { ip: session.remoteAddress, helo: session.hostNameAppearsAs },
          })
        })
        .then(
          (accepted) => callback(null, `OK: stored as ${accepted.source}`),
          (error: unknown) => callback(smtpError(asRefusal(error))),
        )
        // A throw from smtp-server's callback (a connection gone) must not become an unhandled rejection.
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'SMTP reply could not be sent'))
    },
  })
  server.on('error', (error) => deps.logger.warn({ err: error }, 'SMTP connection error'))

  return {
    /** Starts listening; resolves with the port (useful with port 0). */
    listen(): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(options.port, options.host, () => {
          server.off('error', reject)
          resolve((server.server.address() as AddressInfo).port)
        })
      })
    },
    /** Stops accepting connections and waits for those open to finish (up to smtp-server's close timeout). */
    close(): Promise<void> {
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

export type SmtpListener = ReturnType<typeof createSmtpListener>

/** The whole message, or null once it passes the limit (the rest is read and dropped, never held). */
async function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total <= maxBytes) chunks.push(chunk)
    else chunks.length = 0
  }
  if (stream.sizeExceeded || total > maxBytes) return null
  return Buffer.concat(chunks, total)
}

const sizeRefusal = (maxBytes: number) => new EmailRefusal('size', `the message is larger than the ${formatBytes(maxBytes)} limit`)

function smtpError(refusal: EmailRefusal): SMTPServerError {
  const error: SMTPServerError = new Error(refusal.smtpText)
  error.responseCode = refusal.smtpCode
  return error
}
