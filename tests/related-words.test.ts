import { describe, expect, it } from 'vitest'
import { testDatabases } from './helpers/test-databases.ts'
import { ingestCorpus, useTestRuntime } from './helpers/test-runtime.ts'

describe.each(testDatabases())('related words find passages when none of the question’s own words occurs ($name)', (db) => {
  const runtime = useTestRuntime(db, async (rt) => {
    await ingestCorpus(rt, ['pdf/sample-contract.pdf'])
  })

  it('finds the contract’s automobile liability clause for "cars", a word it never uses', async () => {
    const result = await runtime().core.ask({ question: 'Cars?', workspace: 'local', channel: null })
    expect(result.citations.map((c) => c.snippet).join(' ')).toMatch(/automobile/i)
  })
})
