import { describe, expect, it } from 'vitest'
import { SESSION_LIFETIME_MS, createConsoleSessions } from './console-sessions.ts'

describe('console sessions', () => {
  it('a session is read back until it expires, never after', () => {
    let now = 1_000_000
    const sessions = createConsoleSessions('token-a', () => now)
    const { cookie, session } = sessions.issue()
    expect(sessions.read(cookie)).toEqual(session)
    now += SESSION_LIFETIME_MS - 1
    expect(sessions.read(cookie)).not.toBeNull()
    now += 1
    expect(sessions.read(cookie)).toBeNull()
  })

  it('is bound to the admin token: another token (or process without one) rejects it', () => {
    const { cookie } = createConsoleSessions('token-a').issue()
    expect(createConsoleSessions('token-a').read(cookie)).not.toBeNull()
    expect(createConsoleSessions('token-b').read(cookie)).toBeNull()
    expect(createConsoleSessions(undefined).read(cookie)).toBeNull()
  })

  it('refuses a changed expiry, a login-form cookie used as a session, and a revoked session', () => {
    const sessions = createConsoleSessions('token-a')
    const { cookie, session } = sessions.issue()
    const [expiry, nonce, mac] = cookie.split('.')
    expect(sessions.read(`${Number(expiry) + 1000}.${nonce}.${mac}`)).toBeNull()
    expect(sessions.read(sessions.loginForm().cookie)).toBeNull()
    sessions.revoke(session)
    expect(sessions.read(cookie)).toBeNull()
  })

  it('CSRF tokens belong to one session; the login form has its own', () => {
    const sessions = createConsoleSessions('token-a')
    const one = sessions.issue().session
    const two = sessions.issue().session
    expect(sessions.csrfValid(one, one.csrf)).toBe(true)
    expect(sessions.csrfValid(one, two.csrf)).toBe(false)
    const login = sessions.loginForm()
    expect(sessions.loginFormValid(login.cookie, login.csrf)).toBe(true)
    expect(sessions.loginFormValid(login.cookie, one.csrf)).toBe(false)
    expect(sessions.loginFormValid(sessions.loginForm().cookie, login.csrf)).toBe(false)
  })

  it('checks the admin token whatever its length', () => {
    const sessions = createConsoleSessions('token-a')
    expect(sessions.isAdminToken('token-a')).toBe(true)
    for (const wrong of ['token-b', 'token', 'token-a-longer', '']) expect(sessions.isAdminToken(wrong)).toBe(false)
    expect(createConsoleSessions(undefined).isAdminToken('')).toBe(false)
  })
})
