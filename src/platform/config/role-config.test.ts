import { describe, expect, it } from 'vitest'
import { loadConfig } from './load-config.ts'

describe('ROLE, REDIS_URL and DATABASE_URL', () => {
  it('runs web and worker together on embedded defaults', () => {
    const config = loadConfig({})
    expect(config.ROLE).toBe('all')
    expect(config.REDIS_URL).toBeUndefined()
  })

  it('refuses a separate web or worker process without Redis and PostgreSQL, naming both', () => {
    expect(() => loadConfig({ ROLE: 'worker' })).toThrowError(/ROLE=worker .*REDIS_URL.*DATABASE_URL \(PGlite admits one process/)
    expect(() => loadConfig({ ROLE: 'web', REDIS_URL: 'redis://localhost:6379' })).toThrowError(/ROLE=web .* needs DATABASE_URL/)
  })

  it('accepts a worker with both', () => {
    const config = loadConfig({ ROLE: 'worker', REDIS_URL: 'redis://localhost:6379', DATABASE_URL: 'postgres://u@localhost/db' })
    expect(config.ROLE).toBe('worker')
  })

  it('rejects a REDIS_URL that is not redis://', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://localhost:6379' })).toThrowError(/REDIS_URL: must be a redis:\/\//)
  })
})
