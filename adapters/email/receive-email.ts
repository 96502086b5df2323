import { type Core, formatBytes, type IngestReceipt, type Logger, safeFilename } from '../../src/index.ts'
import type { EmailCounters } from './email-counters.ts'
import { EmailRefusal, asRefusal } from './email-refusal.ts'
import type { EmailRouter, EmailScope } from './email-routes.ts'
import { createKeyedLock } from './keyed-lock.ts'
import { readMessageHeaders } from './message-headers.ts'
import type { CheckAuthenticity } from './sender-authenticity.ts'
import type { SenderPolicy } from './sender-policy.ts'
import type { IndexWatcher } from './watch-indexing.ts'

export type InboundVia = 'smtp' | 'http'

/** One message as a door received it: the raw bytes and, when known, the envelope. */
export interface InboundEmail {
  via: InboundVia
  raw: Uint8Array
  /** MAIL FROM; undefined when the door has no envelope (then the From header decides). */
  envelopeFrom?: string | null
  /** RCPT TO; undefined when the door has no envelope (then To, Cc, Delivered-To decide). */
  recipients?: string[]
  /** The SMTP client's address and greeting, for SPF under EMAIL_REQUIRE_AUTH=dmarc. */
  client?: { ip?: string; helo?: string }
}

export interface Delivery {
  workspace: string
  channel: string | null
  receipt: IngestReceipt
}

export interface AcceptedEmail {
  messageId: string
  /** `email:<Message-ID>`: the source citations show, and the de-duplication key in each scope. */
  source: string
  subject: string | null
  deliveries: Delivery[]
}

export interface ReceiveDeps {
  core: Pick<Core, 'ingest'>
  router: EmailRouter
  senders: SenderPolicy
  /** EMAIL_REQUIRE_AUTH: refuses what fails DKIM or DMARC; resolves null when nothing is required. */
  authenticity: CheckAuthenticity
  maxBytes: number
  counters: EmailCounters
  logger: Logger
  /** Set when a notifier is wired: tells mapped channels once a message is indexed. */
  watcher?: IndexWatcher
}

/**
 * The one acceptance path for SMTP and HTTP: checks size, sender and
 * recipients, then records the message in each scope it maps to. It resolves
 * only after the core has stored the document and its bytes, so a `250` (or
 * `202`) means the message survives a crash; any storage failure becomes a
 * temporary refusal, so the sender tries again.
 */
export function createEmailReceiver(deps: ReceiveDeps) {
  const withLock = createKeyedLock()

  async function receive(message: InboundEmail): Promise<AcceptedEmail> {
    if (message.raw.byteLength > deps.maxBytes) {
      throw new EmailRefusal('size', `the message is larger than the ${formatBytes(deps.maxBytes)} limit`)
    }
    const headers = await readMessageHeaders(message.raw)
    const verified = await deps.authenticity(message.raw, { ...message.client, envelopeFrom: message.envelopeFrom ?? null })
    const sender = message.envelopeFrom === undefined ? headers.fromAddress : message.envelopeFrom
    if (!deps.senders.allows(sender)) {
      throw new EmailRefusal('sender', `mail from ${sender || 'the null sender'} is not accepted here`)
    }
    // Anyone can write the envelope; once the From: domain is proven, the allowed senders are judged by it.
    if (verified && !deps.senders.allows(headers.fromAddress)) {
      throw new EmailRefusal('sender', `mail from ${headers.fromAddress || 'an unnamed sender'} is not accepted here`)
    }
    const scopes = uniqueScopes(message.recipients ?? headers.recipients, deps.router)
    if (scopes.length === 0) {
      throw new EmailRefusal('recipient', 'no recipient of this message is an address DocuQuery indexes')
    }
    const source = `email:${headers.messageId}`
    const deliveries: Delivery[] = []
    for (const scope of scopes) {
      const receipt = await withLock(`${scope.workspace}\n${scope.channel ?? ''}\n${source}`, () =>
        deps.core.ingest({
          workspace: scope.workspace,
          visibleIn: scope.channel,
          sharedIn: scope.channel,
          bytes: message.raw,
          filename: `${safeFilename(headers.subject ?? '') ?? 'message'}.eml`,
          mimeType: 'message/rfc822',
          source: 'email',
          sourceRef: source,
          sourceLabel: source,
          sharedBy: verified ? `${headers.from ?? ''} (verified: ${verified.domain})`.trim() : headers.from,
          ...(verified ? { verifiedSender: verified } : {}),
          ...(headers.subject ? { title: headers.subject } : {}),
          sourceIsIdentity: true,
        }),
      )
      if (receipt.documentId === null) {
        // Refused before parsing (empty, over MAX_FILE_BYTES): nothing was stored.
        throw new EmailRefusal(receipt.error?.code === 'too_large' ? 'size' : 'malformed', receipt.error?.message ?? 'it was refused')
      }
      deliveries.push({ workspace: scope.workspace, channel: scope.channel, receipt })
      if (deps.watcher && scope.notify && scope.channel && !receipt.duplicate) {
        deps.watcher.watch({ workspace: scope.workspace, channel: scope.channel }, receipt.documentId)
      }
    }
    return { messageId: headers.messageId, source, subject: headers.subject, deliveries }
  }

  return async function receiveEmail(message: InboundEmail): Promise<AcceptedEmail> {
    try {
      const accepted = await receive(message)
      const duplicate = accepted.deliveries.every((d) => d.receipt.duplicate)
      deps.counters.count(message.via, duplicate ? 'duplicate' : 'accepted')
      deps.logger.info(
        { via: message.via, source: accepted.source, scopes: accepted.deliveries.map((d) => `${d.workspace}/${d.channel ?? '*'}`), duplicate },
        'e-mail accepted',
      )
      return accepted
    } catch (error) {
      const refusal = asRefusal(error)
      deps.counters.count(message.via, `refused_${refusal.reason}`)
      if (refusal.reason === 'temporary') deps.logger.error({ err: refusal.cause ?? refusal, via: message.via }, 'e-mail deferred: it could not be stored')
      else deps.logger.info({ via: message.via, reason: refusal.reason, message: refusal.message }, 'e-mail refused')
      throw refusal
    }
  }
}

export type ReceiveEmail = ReturnType<typeof createEmailReceiver>

function uniqueScopes(recipients: readonly string[], router: EmailRouter): EmailScope[] {
  const scopes = new Map<string, EmailScope>()
  for (const recipient of recipients) {
    const scope = router.scopeFor(recipient)
    if (!scope) continue
    const key = `${scope.workspace}\n${scope.channel ?? ''}`
    const known = scopes.get(key)
    scopes.set(key, known ? { ...known, notify: known.notify || scope.notify } : scope)
  }
  return [...scopes.values()]
}
