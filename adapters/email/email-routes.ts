import { AppError, isAppError, parseChannel, parseWorkspaceKey } from '../../src/index.ts'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { baseAddress, inDomain, parseMailAddress } from './email-address.ts'

/** Where mail to one address goes. */
export interface EmailScope {
  workspace: string
  /** The one channel that sees it, or null for the whole workspace. */
  channel: string | null
  /** Post "📧 Indexed …" in the channel once indexed (needs a notifier). */
  notify: boolean
}

const TAG_CHANNEL = '{tag}'

export const emailRouteSchema = z.object({
  /** `docs@example.com`, `docs+*@example.com` (any tag) or `*@example.com` (any mailbox). */
  address: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(\*|[^@\s*]+(\+\*)?)@[a-z0-9.-]+$/, 'must be an address, local+*@domain or *@domain'),
  workspace: z.string().trim().min(1),
  /** A channel id, `{tag}` (the `+tag` of the address), or absent for the whole workspace. */
  channel: z.string().trim().min(1).nullable().optional(),
  /** With channel `{tag}`: tag → channel id; other tags are refused. */
  tags: z.record(z.string(), z.string().trim().min(1)).optional(),
  notify: z.boolean().optional(),
})

export const emailRoutesFileSchema = z.union([z.array(emailRouteSchema), z.object({ routes: z.array(emailRouteSchema) })])

export type EmailRoute = z.infer<typeof emailRouteSchema>

export interface EmailRouter {
  /** True when routes are configured (otherwise mail goes to workspace `local`). */
  readonly mapped: boolean
  /** The scope mail to `recipient` belongs to, or null when DocuQuery does not take it. */
  scopeFor(recipient: string): EmailScope | null
}

/** Reads EMAIL_ROUTES_FILE (JSON). A bad file stops start-up with a message naming the problem. */
export function loadEmailRoutes(path: string): EmailRoute[] {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new AppError('invalid_input', `EMAIL_ROUTES_FILE ${path} could not be read as JSON`, { cause })
  }
  return parseEmailRoutes(json, `EMAIL_ROUTES_FILE ${path}`)
}

export function parseEmailRoutes(json: unknown, where = 'e-mail routes'): EmailRoute[] {
  const parsed = emailRoutesFileSchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`)
    throw new AppError('invalid_input', `${where} is invalid:\n${problems.join('\n')}`, { cause: parsed.error })
  }
  const routes = Array.isArray(parsed.data) ? parsed.data : parsed.data.routes
  for (const [index, route] of routes.entries()) {
    try {
      parseWorkspaceKey(route.workspace)
      if (route.channel && route.channel !== TAG_CHANNEL) parseChannel(route.channel)
      for (const channel of Object.values(route.tags ?? {})) parseChannel(channel)
    } catch (error) {
      throw new AppError('invalid_input', `${where}, route ${index} (${route.address}): ${isAppError(error) ? error.message : String(error)}`)
    }
  }
  return routes
}

/**
 * Maps a recipient to a scope: an exact address first, then `local+*@domain`,
 * then `*@domain`. Without routes, every recipient (or, with
 * EMAIL_RECIPIENT_DOMAINS, every recipient in those domains) goes to the
 * workspace `local`, visible workspace-wide.
 */
export function createEmailRouter(routes: readonly EmailRoute[], recipientDomains: readonly string[] = []): EmailRouter {
  const exact = new Map(routes.filter((r) => !r.address.includes('*')).map((r) => [r.address, r]))
  const tagged = new Map(routes.filter((r) => r.address.includes('+*@')).map((r) => [r.address.replace('+*@', '@'), r]))
  const domainWide = new Map(routes.filter((r) => r.address.startsWith('*@')).map((r) => [r.address.slice(2), r]))
  return {
    mapped: routes.length > 0,
    scopeFor(recipient) {
      const address = parseMailAddress(recipient)
      if (!address) return null
      if (routes.length === 0) {
        const taken = recipientDomains.length === 0 || recipientDomains.some((domain) => inDomain(address.domain, domain))
        return taken ? { workspace: 'local', channel: null, notify: false } : null
      }
      const route = exact.get(address.address) ?? (address.tag ? tagged.get(baseAddress(address)) : undefined) ?? domainWide.get(address.domain)
      if (!route) return null
      const channel = route.channel === TAG_CHANNEL ? channelFromTag(route, address.tag) : (route.channel ?? null)
      if (channel === undefined) return null
      return { workspace: route.workspace, channel, notify: route.notify ?? false }
    },
  }
}

/** undefined: the tag names no channel this route knows, so the mail is not taken. */
function channelFromTag(route: EmailRoute, tag: string | null): string | null | undefined {
  if (!tag) return undefined
  if (route.tags) {
    const wanted = tag.toLowerCase()
    const hit = Object.entries(route.tags).find(([name]) => name.toLowerCase() === wanted)
    return hit?.[1]
  }
  try {
    return parseChannel(tag)
  } catch {
    return undefined
  }
}
