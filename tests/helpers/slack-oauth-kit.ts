import { readFileSync } from 'node:fs'
import { HttpResponse, http } from 'msw'
import { repoRoot } from './corpus.ts'
import { type FakeFile, eventEnvelope, fileShareEvent, mentionEvent, slashCommand } from './slack-kit.ts'

export const CLIENT_ID = '1601185624273.8899143856786'
export const CLIENT_SECRET = 'test-client-secret-3c9d0f2b'
export const STATE_SECRET = 'test-state-secret-7e41a9c2d5'
export const APP_ID = 'A0DOCUQ01'

/** A workspace that installs the app: what Slack knows about it and what it hands out. */
export interface FakeTeam {
  id: string
  name: string
  domain: string
  botToken: string
  botUserId: string
  botId: string
  /** The admin who clicked "Allow". */
  installer: string
}

export const T1: FakeTeam = {
  id: 'T0ALPHA001',
  name: 'Alpha & Co',
  domain: 'alpha',
  botToken: 'xoxb-1111-alpha-bot-token',
  botUserId: 'U0BOTALPHA',
  botId: 'B0BOTALPHA',
  installer: 'U0ADMALPHA',
}

export const T2: FakeTeam = {
  id: 'T0BRAVO002',
  name: 'Bravo Ltd',
  domain: 'bravo',
  botToken: 'xoxb-2222-bravo-bot-token',
  botUserId: 'U0BOTBRAVO',
  botId: 'B0BOTBRAVO',
  installer: 'U0ADMBRAVO',
}

/** The bot scopes `slack/manifest.yml` asks for: what an install must request. */
export function manifestBotScopes(): string[] {
  const text = readFileSync(`${repoRoot}/slack/manifest.yml`, 'utf8')
  const block = /\n {4}bot:\n((?: {6}- .+\n)+)/.exec(text)?.[1] ?? ''
  return block.split('\n').filter(Boolean).map((line) => line.replace(/^\s*-\s*/, '').trim())
}

export interface TokenCall {
  method: string
  team: string
  token: string
  args: Record<string, unknown>
}

let codes = 0

/**
 * Slack's side of OAuth and of multi-workspace tokens, as msw handlers to put
 * in front of slack-kit's Web API fake: `oauth.v2.access` trades one-time codes
 * for bot tokens (the body shaped like Slack's), every other method checks the
 * bearer token like Slack does (`invalid_auth` for unknown or revoked ones) and
 * records which team's token was used before slack-kit's fake answers, and
 * files download only with the token of the team they were shared in.
 */
export function createSlackOAuthFake(teams: readonly FakeTeam[], apiUrl = 'https://slack.com/api/') {
  const pendingCodes = new Map<string, FakeTeam>()
  const revoked = new Set<string>()
  const exchanges: Array<Record<string, string>> = []
  const calls: TokenCall[] = []
  const downloads = new Map<string, { team: string; bytes: Uint8Array; contentType: string }>()
  const slackError = (error: string) => HttpResponse.json({ ok: false, error })

  const handlers = [
    http.post(`${apiUrl}oauth.v2.access`, async ({ request }) => {
      const args = Object.fromEntries(new URLSearchParams(await request.text()))
      exchanges.push(args)
      if (args.client_id !== CLIENT_ID) return slackError('invalid_client_id')
      if (args.client_secret !== CLIENT_SECRET) return slackError('bad_client_secret')
      const team = args.code ? pendingCodes.get(args.code) : undefined
      if (!team || !args.code) return slackError('invalid_code')
      // A code is good for one exchange, as on Slack.
      pendingCodes.delete(args.code)
      revoked.delete(team.botToken)
      return HttpResponse.json({
        ok: true,
        app_id: APP_ID,
        authed_user: { id: team.installer },
        scope: manifestBotScopes().join(','),
        token_type: 'bot',
        access_token: team.botToken,
        bot_user_id: team.botUserId,
        team: { id: team.id, name: team.name },
        enterprise: null,
        is_enterprise_install: false,
      })
    }),
    http.post(`${apiUrl}:method`, async ({ request, params }) => {
      const token = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '')
      if (token === '') return slackError('not_authed')
      const team = teams.find((t) => t.botToken === token)
      if (!team || revoked.has(token)) return slackError('invalid_auth')
      const method = String(params.method)
      const raw = await request.clone().text()
      const args = (request.headers.get('content-type') ?? '').includes('json')
        ? (JSON.parse(raw) as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(raw))
      calls.push({ method, team: team.id, token, args })
      if (method === 'auth.test') {
        return HttpResponse.json({
          ok: true,
          url: `https://${team.domain}.slack.com/`,
          team: team.name,
          user: 'docuquery',
          team_id: team.id,
          user_id: team.botUserId,
          bot_id: team.botId,
          is_enterprise_install: false,
        })
      }
      // Falls through to slack-kit's fake, which answers like Slack.
      return undefined
    }),
    http.get('https://files.slack.com/files-pri/*', ({ request }) => {
      const file = downloads.get(request.url)
      const token = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '')
      const team = teams.find((t) => t.botToken === token && !revoked.has(token))
      if (!file) return new HttpResponse('not found', { status: 404 })
      // Slack answers another workspace's token with its sign-in page, status 200.
      if (team?.id !== file.team) {
        return new HttpResponse('<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in</body></html>', {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        })
      }
      return new HttpResponse(file.bytes, { headers: { 'content-type': file.contentType } })
    }),
  ]

  return {
    handlers,
    /** Every `oauth.v2.access` request body. */
    exchanges,
    /** Every token-bearing Web API call, with the team whose token it carried. */
    calls,
    /** What Slack would put in the redirect after the admin clicks "Allow" in `team`. */
    issueCode(team: FakeTeam): string {
      const code = `${team.id}.${++codes}.c0de`
      pendingCodes.set(code, team)
      return code
    },
    /** Uninstalling revokes the bot token on Slack's side. */
    revoke(team: FakeTeam) {
      revoked.add(team.botToken)
    },
    serveFile(team: FakeTeam, file: FakeFile, bytes: Uint8Array) {
      downloads.set(teamFileUrl(team, file), { team: team.id, bytes, contentType: file.mimetype })
    },
  }
}

export type SlackOAuthFake = ReturnType<typeof createSlackOAuthFake>

const teamFileUrl = (team: FakeTeam, file: Pick<FakeFile, 'id' | 'name'>) =>
  `https://files.slack.com/files-pri/${team.id}-${file.id}/download/${encodeURIComponent(file.name)}`

/** An Events API envelope as Slack delivers it to an app installed in `team`. */
export function teamEnvelope(team: FakeTeam, event: Record<string, unknown>): Record<string, unknown> {
  return {
    ...eventEnvelope(event),
    team_id: team.id,
    authorizations: [{ enterprise_id: null, team_id: team.id, user_id: team.botUserId, is_bot: true, is_enterprise_install: false }],
  }
}

export function teamMention(team: FakeTeam, channel: string, question: string): Record<string, unknown> {
  return mentionEvent(channel, question, { team: team.id, text: `<@${team.botUserId}> ${question}` })
}

/** A file shared in a public channel of `team`, with that team's file URLs. */
export function teamFileShare(team: FakeTeam, channel: string, file: FakeFile): Record<string, unknown> {
  const event = fileShareEvent(channel, 'channel', [file])
  const files = (event.files as Array<Record<string, unknown>>).map((f) => ({
    ...f,
    user_team: team.id,
    url_private: `https://files.slack.com/files-pri/${team.id}-${file.id}/${encodeURIComponent(file.name)}`,
    url_private_download: teamFileUrl(team, file),
    permalink: `https://${team.domain}.slack.com/files/${String(f.user)}/${file.id}/${encodeURIComponent(file.name)}`,
  }))
  return { ...event, files }
}

export function teamSlashCommand(team: FakeTeam, text: string, channel: string): string {
  const form = new URLSearchParams(slashCommand(text, channel))
  form.set('team_id', team.id)
  form.set('team_domain', team.domain)
  return form.toString()
}
