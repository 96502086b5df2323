import type { Logger } from '../../src/index.ts'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type CodedError, ErrorCode, type Installation, InstallProvider, type Logger as SlackLogger, LogLevel } from '@slack/oauth'
import { type Context, Hono } from 'hono'
import { setCookie } from 'hono/cookie'
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

export const STATE_COOKIE = 'slack-oauth-state'
const STATE_TTL_SECONDS = 10 * 60
const installOptions = { scopes: [...botScopeList] }

/**
 * "Add to Slack" for many workspaces, on @slack/oauth's InstallProvider:
 * `/install` sends the browser to Slack with a signed, short-lived state (also
 * kept in a cookie, so the redirect must come back to the browser that started
 * it), `/oauth_redirect` has the provider check both, trade the code for a bot
 * token (oauth.v2.access, then auth.test for the bot id) and store the
 * installation. The pages people see, and what is logged, stay ours.
 */
export function oauthRoutes(options: OAuthOptions): Hono {
  const installer = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret: options.stateSecret,
    stateCookieName: STATE_COOKIE,
    stateCookieExpirationSeconds: STATE_TTL_SECONDS,
    installationStore: options.store,
    authorizationUrl: new URL('../oauth/v2/authorize', options.apiUrl).toString(),
    clientOptions: { slackApiUrl: options.apiUrl },
    logger: quietLogger(options.logger),
  })
  const routes = new Hono()

  routes.get('/install', async (c) => {
    const state = await stateStoreOf(installer).generateStateParam(installOptions, new Date())
    // Set here rather than by handleInstallPath: scoped to /slack, SameSite, and
    // Secure only where the browser reached us over HTTPS (a Secure cookie set
    // over plain HTTP on a LAN address never comes back).
    setCookie(c, STATE_COOKIE, state, { httpOnly: true, sameSite: 'Lax', secure: overHttps(c), maxAge: STATE_TTL_SECONDS, path: '/slack' })
    return c.redirect(await installer.generateInstallUrl(installOptions, true, state), 302)
  })

  routes.get('/oauth_redirect', async (c) => {
    if (c.req.query('error')) return c.html(page('Installation cancelled', 'Slack says the installation was cancelled. You can start again from /slack/install.'), 400)
    const outcome = await handleCallback(installer, c)
    if (outcome.installed) {
      const { installation } = outcome
      const team = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace'
      options.logger.info({ team: installation.team?.id, enterprise: installation.enterprise?.id }, 'DocuQuery installed in a Slack workspace')
      return c.html(page('DocuQuery is installed', `DocuQuery is now in ${escapeHtml(team)}. Invite it to a channel (/invite @DocuQuery) and share a file there.`))
    }
    const { error } = outcome
    if (stateRefusals.has(error.code)) {
      return c.html(page('Installation link expired', 'This installation link is invalid or older than ten minutes. Start again from /slack/install.'), 400)
    }
    // A reloaded or late redirect page: the admin's fault to fix, not the configuration's.
    if (codeRefusals.has((error as { data?: { error?: string } }).data?.error ?? '')) {
      options.logger.warn({ err: error }, 'Slack OAuth code refused (already used or expired)')
      return c.html(page('Installation link already used', 'Slack accepts each installation link once, within ten minutes. Start again from /slack/install.'), 400)
    }
    options.logger.error({ err: error }, 'Slack OAuth exchange failed')
    return c.html(page('Installation failed', 'Slack did not accept the installation. Check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, then try again.'), 502)
  })
  return routes
}

type CallbackOutcome = { installed: true; installation: Installation } | { installed: false; error: CodedError }

/**
 * Runs the provider's callback handling and hands its outcome back to Hono.
 * The provider reads only the URL and the Cookie and Host headers of the
 * request, and only sets the (Path=/) cookie-deletion header on the
 * response, which is dropped: ours expires by itself.
 */
async function handleCallback(installer: InstallProvider, c: Context): Promise<CallbackOutcome> {
  const url = new URL(c.req.url)
  const request = { url: `${url.pathname}${url.search}`, headers: { host: url.host, cookie: c.req.header('cookie') } } as IncomingMessage
  const response = { setHeader: () => response, getHeader: () => undefined } as unknown as ServerResponse
  let outcome: CallbackOutcome = { installed: false, error: Object.assign(new Error('the OAuth callback ended without an outcome'), { code: ErrorCode.UnknownError }) }
  await installer.handleCallback(request, response, {
    successAsync: async (installation) => {
      outcome = { installed: true, installation: installation as Installation }
    },
    failureAsync: async (error) => {
      outcome = { installed: false, error }
    },
  })
  return outcome
}

function stateStoreOf(installer: InstallProvider) {
  if (!installer.stateStore) throw new Error('InstallProvider has no state store although a state secret was given')
  return installer.stateStore
}

/** Forged, expired, from another browser, or no code at all: the same page, and nothing asked of Slack. */
const stateRefusals = new Set<string>([ErrorCode.InvalidStateError, ErrorCode.MissingStateError, ErrorCode.MissingCodeError])
const codeRefusals = new Set(['invalid_code', 'code_already_used', 'code_expired'])

// Proxies that end TLS (Fly, nginx) say so in X-Forwarded-Proto.
const overHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'

/**
 * The provider logs every refused state at error level, and an attacker
 * controls those; our routes log what matters, so its own words go to debug.
 */
function quietLogger(logger: Logger): SlackLogger {
  const debug = (...args: unknown[]) => logger.debug({ source: 'slack-oauth' }, args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '))
  return { debug, info: debug, warn: debug, error: debug, setLevel: () => {}, getLevel: () => LogLevel.DEBUG, setName: () => {} }
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch)
const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${text}</p>`
