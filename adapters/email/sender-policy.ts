import { inDomain, parseMailAddress } from './email-address.ts'

export interface SenderPolicy {
  /** True when no list is configured: any sender is accepted. */
  readonly open: boolean
  allows(sender: string | null): boolean
}

/**
 * EMAIL_ALLOWED_SENDERS: domains (`example.com`, which includes its
 * subdomains) and addresses (`jane@partner.org`). Empty: everyone.
 */
export function createSenderPolicy(allowed: readonly string[]): SenderPolicy {
  const addresses = new Set(allowed.filter((entry) => entry.includes('@')).map((entry) => entry.toLowerCase()))
  const domains = allowed.filter((entry) => !entry.includes('@')).map((entry) => entry.toLowerCase())
  const open = allowed.length === 0
  return {
    open,
    allows(sender) {
      if (open) return true
      // The null sender (bounces) has no one to vouch for it.
      const parsed = sender === null ? null : parseMailAddress(sender)
      if (!parsed) return false
      return addresses.has(parsed.address) || domains.some((domain) => inDomain(parsed.domain, domain))
    },
  }
}
