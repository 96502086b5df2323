import { type AuthenticateResult, type DNSResolver, authenticate } from 'mailauth'
import { EmailRefusal } from './email-refusal.ts'

export type AuthRequirement = 'off' | 'dkim' | 'dmarc'

/** The domain a message is proven to come from, and how. */
export interface VerifiedSender {
  domain: string
  method: 'dkim' | 'dmarc'
}

/** What the door knows about the connection, for SPF (SMTP only; the webhook has no client). */
export interface ClientInfo {
  ip?: string
  helo?: string
  envelopeFrom?: string | null
}

export interface AuthenticityOptions {
  requirement: AuthRequirement
  /** DNS lookups (TXT for DKIM keys and DMARC policies); the system resolver when absent. */
  resolver?: DNSResolver
  /** This host's name in the Authentication-Results mailauth computes. */
  mta?: string
}

/** Resolves with the verified sender, null when no check is required; refuses a message that fails. */
export type CheckAuthenticity = (raw: Uint8Array, client: ClientInfo) => Promise<VerifiedSender | null>

const TEMPORARY = new Set(['temperror', 'temperr'])

/**
 * EMAIL_REQUIRE_AUTH: anyone who reaches the port can claim any sender, so
 * with `dkim` a message must carry a valid DKIM signature by its From:
 * domain (or its organisational domain), and with `dmarc` it must pass
 * DMARC. mailauth does the cryptography and the DNS; this decides.
 */
export function createAuthenticityCheck(options: AuthenticityOptions): CheckAuthenticity {
  const { requirement } = options
  return async (raw, client) => {
    if (requirement === 'off') return null
    let result: AuthenticateResult
    try {
      result = await authenticate(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
        ...(client.ip ? { ip: client.ip } : {}),
        ...(client.helo ? { helo: client.helo } : {}),
        ...(client.envelopeFrom ? { sender: client.envelopeFrom } : {}),
        ...(options.resolver ? { resolver: options.resolver } : {}),
        ...(options.mta ? { mta: options.mta } : {}),
        disableArc: true,
        disableBimi: true,
        disableDmarc: requirement !== 'dmarc',
      })
    } catch (cause) {
      throw new EmailRefusal('auth_unavailable', 'the message could not be authenticated just now; please try again later', { cause })
    }
    return requirement === 'dkim' ? requireDkim(result) : requireDmarc(result)
  }
}

function requireDkim(result: AuthenticateResult): VerifiedSender {
  const from = result.dkim.headerFrom[0]?.split('@').pop() ?? 'its From: domain'
  // Aligned: signed by the From: domain or its organisational domain, not by whoever relayed it.
  const passing = result.dkim.results.find((r) => r.status.result === 'pass' && r.status.aligned)
  if (passing) return { domain: String(passing.status.aligned).toLowerCase(), method: 'dkim' }
  if (result.dkim.results.some((r) => TEMPORARY.has(r.status.result))) {
    throw new EmailRefusal('auth_unavailable', `the DKIM key of ${from} could not be looked up just now; please try again later`)
  }
  // mailauth reports an unsigned message as one result of status "none".
  const signed = result.dkim.results.some((r) => r.status.result !== 'none')
  const why = signed ? `no DKIM signature by ${from} verifies` : 'it has no DKIM signature'
  throw new EmailRefusal('unauthenticated', `mail must be DKIM-signed by the sender's domain here, and ${why}`)
}

function requireDmarc(result: AuthenticateResult): VerifiedSender {
  const dmarc = result.dmarc
  if (dmarc && dmarc.status.result === 'pass') return { domain: dmarc.domain.toLowerCase(), method: 'dmarc' }
  if (dmarc && TEMPORARY.has(dmarc.status.result)) {
    throw new EmailRefusal('auth_unavailable', `the DMARC policy of ${dmarc.domain} could not be looked up just now; please try again later`)
  }
  const domain = dmarc ? dmarc.domain : 'the sender'
  throw new EmailRefusal('unauthenticated', `mail must pass DMARC here, and the message from ${domain} does not (${dmarc ? dmarc.status.result : 'none'})`, {
    enhanced: '5.7.26',
  })
}
