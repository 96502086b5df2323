import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmailRouter, loadEmailRoutes, parseEmailRoutes } from './email-routes.ts'

const routes = parseEmailRoutes({
  routes: [
    { address: 'decisions@example.com', workspace: 'slack:T0001', channel: 'C0DECIDE' },
    { address: 'docs+*@example.com', workspace: 'slack:T0001', channel: '{tag}', notify: true },
    { address: 'team+*@example.org', workspace: 'discord:42', channel: '{tag}', tags: { eng: '1234567890' } },
    { address: '*@handbook.example.com', workspace: 'slack:T0001' },
  ],
})

describe('createEmailRouter', () => {
  const router = createEmailRouter(routes)

  it('maps an exact address (case-insensitively) to its channel', () => {
    expect(router.scopeFor('<Decisions@Example.COM>')).toEqual({ workspace: 'slack:T0001', channel: 'C0DECIDE', notify: false })
  })

  it('takes the channel from the +tag, keeping its case (Slack ids are upper case)', () => {
    expect(router.scopeFor('docs+C0ENG42@example.com')).toEqual({ workspace: 'slack:T0001', channel: 'C0ENG42', notify: true })
    expect(router.scopeFor('docs@example.com')).toBeNull()
  })

  it('maps tags through a tag table and refuses unknown tags', () => {
    expect(router.scopeFor('team+ENG@example.org')?.channel).toBe('1234567890')
    expect(router.scopeFor('team+sales@example.org')).toBeNull()
  })

  it('routes a whole domain workspace-wide, and nothing else', () => {
    expect(router.scopeFor('anyone@handbook.example.com')).toEqual({ workspace: 'slack:T0001', channel: null, notify: false })
    expect(router.scopeFor('someone@elsewhere.net')).toBeNull()
    expect(router.scopeFor('not an address')).toBeNull()
  })

  it('without routes takes every recipient into workspace local, or those of EMAIL_RECIPIENT_DOMAINS', () => {
    expect(createEmailRouter([]).scopeFor('x@y.z')).toEqual({ workspace: 'local', channel: null, notify: false })
    const limited = createEmailRouter([], ['docs.example.com'])
    expect(limited.scopeFor('a@docs.example.com')?.workspace).toBe('local')
    expect(limited.scopeFor('a@example.com')).toBeNull()
  })
})

describe('loadEmailRoutes', () => {
  const file = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'dq-routes-')), 'routes.json')
    writeFileSync(path, content)
    return path
  }

  it('reads a bare array too', () => {
    expect(loadEmailRoutes(file('[{"address":"a@b.co","workspace":"local"}]'))).toHaveLength(1)
  })

  it('names the route and the problem', () => {
    expect(() => loadEmailRoutes(file('{"routes":[{"address":"a@b.co","workspace":"local","channel":"workspace"}]}'))).toThrow(
      /route 0 \(a@b\.co\).*not a valid channel id/,
    )
    expect(() => loadEmailRoutes(file('{"routes":[{"address":"nope","workspace":"local"}]}'))).toThrow(/routes\.0\.address/)
    expect(() => loadEmailRoutes(file('{oops'))).toThrow(/could not be read as JSON/)
  })
})
