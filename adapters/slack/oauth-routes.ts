import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Installation } from '@slack/bolt'
import { WebClient } from '@slack/web-api'
import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { Logger } from '../../src/log/logger.ts'
import type { InstallationStore } from './installation-store.ts'
import { botScopeList } from './scopes.ts'

export interface OAuthOptions {
  clientId: string
  clientSecret: string
  stateSecret: string
  /** Web API base (`https://slack.com/api/`); the authorize page lives beside it. */
  apiUrl: string
  store: InstallationStore
  logger: Logger
}

const STATE_COOKIE = 'slack-oauth-state'
const STATE_TTL_MS = 10 * 60 * 1000

/**
 * "Add to Slack" for many workspaces: `/install` sends the browser to Slack
 * with a signed, short-lived state (also kept in a cookie, so the redirect
 * must come back to the browser that started it), `/oauth_redirect` trades
 * the code for a bot token and stores the installation.
 */
export function oauthRoutes(options: OAuthOptions): Hono {
  const routes = new Hono()
  const authorizeUrl = new URL('../oauth/v2/authorize', options.apiUrl)

  routes.get('/install', (c) => {
    const state = signState(options.stateSecret, Date.now())
    setCookie(c, STATE_COOKIE, state, { httpOnly: true, sameSite: 'Lax', maxAge: STATE_TTL_MS / 1000, path: '/slack' })
    const url = new URL(authorizeUrl)
    url.searchParams.set('client_id', options.clientId)
    url.searchParams.set('scope', botScopeList.join(','))
    url.searchParams.set('state', state)
    return c.redirect(url.toString(), 302)
  })

  routes.get('/oauth_redirect', async (c) => {
    const state = c.req.query('state') ?? ''
    const code = c.req.query('code')
    if (c.req.query('error')) return c.html(page('Installation cancelled', 'Slack says the installation was cancelled. You can start again from /slack/install.'), 400)
    if (!code || !verifyState(options.stateSecret, state, Date.now()) || getCookie(c, STATE_COOKIE) !== state) {
      return c.html(page('Installation link expired', 'This installation link is invalid or older than ten minutes. Start again from /slack/install.'), 400)
    }
    try {
      const client = new WebClient(undefined, { slackApiUrl: options.apiUrl })
      const result = await client.oauth.v2.access({ client_id: options.clientId, client_secret: options.clientSecret, code })
      // oauth.v2.access names the bot user (U…) but not the bot (B…); auth.test with the new token does, as Bolt's own installer asks.
      const identity = result.access_token ? await new WebClient(result.access_token, { slackApiUrl: options.apiUrl }).auth.test() : undefined
      await options.store.save(toInstallation(result, identity?.bot_id))
      const team = result.team?.name ?? result.enterprise?.name ?? 'your workspace'
      options.logger.info({ team: result.team?.id, enterprise: result.enterprise?.id }, 'DocuQuery installed in a Slack workspace')
      return c.html(page('DocuQuery is installed', `DocuQuery is now in ${escapeHtml(team)}. Invite it to a channel (/invite @DocuQuery) and share a file there.`))
    } catch (error) {
      // A reloaded or late redirect page: the admin's fault to fix, not the configuration's.
      if (codeRefusals.has((error as { data?: { error?: string } }).data?.error ?? '')) {
        options.logger.warn({ err: error }, 'Slack OAuth code refused (already used or expired)')
        return c.html(page('Installation link already used', 'Slack accepts each installation link once, within ten minutes. Start again from /slack/install.'), 400)
      }
      options.logger.error({ err: error }, 'Slack OAuth exchange failed')
      return c.html(page('Installation failed', 'Slack did not accept the installation. Check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, then try again.'), 502)
    }
  })
  return routes
}

type AccessResult = Awaited<ReturnType<WebClient['oauth']['v2']['access']>>

const codeRefusals = new Set(['invalid_code', 'code_already_used', 'code_expired'])

function toInstallation(result: AccessResult, botId: string | undefined): Installation<'v2', boolean> {
  const isEnterpriseInstall = Boolean(result.is_enterprise_install)
  return {
    team: result.team?.id ? { id: result.team.id, ...(result.team.name ? { name: result.team.name } : {}) } : undefined,
    enterprise: result.enterprise?.id ? { id: result.enterprise.id, ...(result.enterprise.name ? { name: result.enterprise.name } : {}) } : undefined,
    user: { id: result.authed_user?.id ?? '', token: undefined, scopes: undefined },
    bot: result.access_token
      ? {
          token: result.access_token,
          scopes: (result.scope ?? '').split(',').filter(Boolean),
          id: botId ?? '',
          userId: result.bot_user_id ?? '',
        }
      : undefined,
    appId: result.app_id,
    tokenType: 'bot',
    isEnterpriseInstall,
    authVersion: 'v2',
  } as Installation<'v2', boolean>
}

export function signState(secret: string, now: number): string {
  const payload = `${now}.${randomBytes(12).toString('hex')}`
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('hex')}`
}

export function verifyState(secret: string, state: string, now: number): boolean {
  const [issued, nonce, mac] = state.split('.')
  if (!issued || !nonce || !mac) return false
  const expected = createHmac('sha256', secret).update(`${issued}.${nonce}`).digest('hex')
  const age = now - Number(issued)
  // Compared as bytes: a forged state may carry multi-byte characters, and timingSafeEqual throws on unequal lengths.
  const given = Buffer.from(mac)
  const wanted = Buffer.from(expected)
  return given.length === wanted.length && timingSafeEqual(given, wanted) && age >= 0 && age <= STATE_TTL_MS
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch)
const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${text}</p>`
