import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export interface ConsoleSession {
  nonce: string
  expiresAt: number
  /** Sent back with every form and script request of this session. */
  csrf: string
}

export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000
const LOGIN_FORM_LIFETIME_MS = 60 * 60 * 1000

/**
 * Console sessions as signed cookies: `<expiry>.<random nonce>.<HMAC>`. The
 * key is derived from ADMIN_TOKEN, so every web process behind one load
 * balancer accepts the same sessions without a shared store, and changing the
 * token ends them all. Without ADMIN_TOKEN (loopback only), a random key per
 * process. CSRF tokens are HMACs of the session nonce: nothing to store.
 */
export function createConsoleSessions(adminToken: string | undefined, now: () => number = Date.now) {
  const key = adminToken ? createHash('sha256').update('docuquery console sessions\0').update(adminToken).digest() : randomBytes(32)
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url')
  // Logged-out sessions of this process, until they would have expired anyway.
  const revoked = new Map<string, number>()

  const signed = (kind: string, lifetimeMs: number) => {
    const expiresAt = now() + lifetimeMs
    const nonce = randomBytes(18).toString('base64url')
    return { value: `${expiresAt}.${nonce}.${mac(`${kind}:${expiresAt}.${nonce}`)}`, nonce, expiresAt }
  }
  const check = (kind: string, value: string | undefined): { nonce: string; expiresAt: number } | null => {
    const [expiry, nonce, signature] = (value ?? '').split('.')
    if (!expiry || !nonce || !signature) return null
    if (!sameText(signature, mac(`${kind}:${expiry}.${nonce}`))) return null
    const expiresAt = Number(expiry)
    return Number.isFinite(expiresAt) && expiresAt > now() ? { nonce, expiresAt } : null
  }
  const session = (nonce: string, expiresAt: number): ConsoleSession => ({ nonce, expiresAt, csrf: mac(`csrf:${nonce}`) })

  return {
    issue(): { cookie: string; session: ConsoleSession } {
      const { value, nonce, expiresAt } = signed('session', SESSION_LIFETIME_MS)
      return { cookie: value, session: session(nonce, expiresAt) }
    },
    read(cookie: string | undefined): ConsoleSession | null {
      const found = check('session', cookie)
      if (!found || revoked.has(found.nonce)) return null
      return session(found.nonce, found.expiresAt)
    },
    revoke(target: ConsoleSession): void {
      const at = now()
      for (const [nonce, expiresAt] of revoked) if (expiresAt <= at) revoked.delete(nonce)
      revoked.set(target.nonce, target.expiresAt)
    },
    /** The login form's own CSRF pair: a short-lived cookie and the token its form must carry. */
    loginForm(): { cookie: string; csrf: string } {
      const { value, nonce } = signed('login', LOGIN_FORM_LIFETIME_MS)
      return { cookie: value, csrf: mac(`login-csrf:${nonce}`) }
    },
    loginFormValid(cookie: string | undefined, csrf: string): boolean {
      const found = check('login', cookie)
      return found !== null && sameText(csrf, mac(`login-csrf:${found.nonce}`))
    },
    csrfValid(target: ConsoleSession, given: string): boolean {
      return sameText(given, target.csrf)
    },
    /** Whether `given` is the admin token, in constant time whatever its length. */
    isAdminToken(given: string): boolean {
      return adminToken !== undefined && timingSafeEqual(digest(given), digest(adminToken))
    },
  }
}

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()
const sameText = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b))
