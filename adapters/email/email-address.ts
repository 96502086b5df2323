/** An address as SMTP and headers give it, reduced to what policies compare. */
export interface MailAddress {
  /** Lower-cased `local@domain`. */
  address: string
  local: string
  domain: string
  /** The sub-address after `+` (`docs+C0123@` → `C0123`) as written: channel ids are case-sensitive. */
  tag: string | null
}

const ADDRESS = /^([^@\s]+)@([^@\s]+)$/

/** Null for the null sender (`<>`) and anything that is not `local@domain`. */
export function parseMailAddress(raw: string): MailAddress | null {
  const match = ADDRESS.exec(raw.trim().replace(/^<|>$/g, ''))
  if (!match) return null
  const written = match[1] ?? ''
  const local = written.toLowerCase()
  const domain = (match[2] ?? '').toLowerCase().replace(/\.$/, '')
  const plus = written.indexOf('+')
  return { address: `${local}@${domain}`, local, domain, tag: plus > 0 && plus < written.length - 1 ? written.slice(plus + 1) : null }
}

/** The same mailbox without its tag: `docs+eng@x.org` → `docs@x.org`. */
export function baseAddress(address: MailAddress): string {
  const plus = address.local.indexOf('+')
  return plus > 0 ? `${address.local.slice(0, plus)}@${address.domain}` : address.address
}

/** True when `domain` is `parent` or one of its subdomains. */
export function inDomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`)
}
