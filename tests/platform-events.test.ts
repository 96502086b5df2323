import { describe, expect, it } from 'vitest'
import { testDatabases } from './helpers/test-databases.ts'
import { useTestRuntime } from './helpers/test-runtime.ts'

describe.each(testDatabases())('platform event claims ($name)', (db) => {
  const runtime = useTestRuntime(db, async () => {})

  it('claims an event once, across platforms separately', async () => {
    const core = runtime().core
    expect(await core.claimEvent('slack', 'Ev0AAA')).toBe(true)
    expect(await core.claimEvent('slack', 'Ev0AAA')).toBe(false)
    expect(await core.claimEvent('discord', 'Ev0AAA')).toBe(true)
  })

  it('keeps recent claims and prunes old ones, after which the id is new again', async () => {
    const core = runtime().core
    expect(await core.claimEvent('slack', 'Ev0BBB')).toBe(true)
    expect(await core.pruneEvents()).toBe(0)
    expect(await core.claimEvent('slack', 'Ev0BBB')).toBe(false)
    // Everything received before "now + 1 s" counts as old here.
    expect(await core.pruneEvents(-1000)).toBeGreaterThanOrEqual(3)
    expect(await core.claimEvent('slack', 'Ev0BBB')).toBe(true)
  })
})
