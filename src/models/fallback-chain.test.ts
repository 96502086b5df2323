import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { anthropicFake } from '../../tests/fakes/anthropic-fake.ts'
import { openAiFake } from '../../tests/fakes/openai-fake.ts'
import { AppError } from '../platform/app-error.ts'
import type { Logger } from '../platform/log/logger.ts'
import { createAnthropicAnswerModel } from './providers/anthropic-answer-model.ts'
import { createOpenAiAnswerModel } from './providers/openai-answer-model.ts'
import type { GenerationRequest } from './answer-model.ts'
import { createCircuitBreaker } from './circuit-breaker.ts'
import { type ProviderFailure, createFallbackChain } from './fallback-chain.ts'

const anthropic = anthropicFake()
const openai = openAiFake()
const server = setupServer(...anthropic.handlers, ...openai.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  anthropic.script.reset()
  openai.script.reset()
})
afterAll(() => server.close())

const request: GenerationRequest = {
  system: 'Answer from the passages only.',
  messages: [{ role: 'user', content: '<passage number="1" title="T" source="s">\nThe on-call rotation changes every Monday.\n</passage>\n\nQuestion: When?' }],
  maxTokens: 100,
}

function chain() {
  let now = 0
  const failures: ProviderFailure[] = []
  const logs: Array<{ level: string; msg: string }> = []
  const record = (level: string) => (_fields: object, msg?: string) => logs.push({ level, msg: msg ?? '' })
  const logger: Logger = { debug: () => {}, info: () => {}, warn: record('warn'), error: record('error') }
  const breaker = () => createCircuitBreaker({ failureThreshold: 2, cooldownMs: 10_000, now: () => now })
  const built = createFallbackChain(
    [
      { model: createAnthropicAnswerModel({ apiKey: 'sk-ant', model: 'claude-sonnet-4-6' }), breaker: breaker() },
      { model: createOpenAiAnswerModel({ apiKey: 'sk-openai', model: 'gpt-4o-mini' }), breaker: breaker() },
    ],
    {
      policy: { retries: 1, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000, timeoutMs: 400, retryTimeouts: false },
      rejectedKeyCooldownMs: 600_000,
      logger,
      onFailure: (f) => failures.push(f),
    },
  )
  return { chain: built, failures, logs, advance: (ms: number) => (now += ms) }
}

describe('fallback chain', () => {
  it('uses the first provider while it answers', async () => {
    const { chain: c } = chain()
    const result = await c.generate(request)
    expect(result.model.provider).toBe('anthropic')
    expect(openai.script.requests).toHaveLength(0)
  })

  it.each([
    ['529 overloaded', { kind: 'overloaded' } as const],
    ['500', { kind: 'server_error' } as const],
    ['429 with a long Retry-After', { kind: 'rate_limited', retryAfterSeconds: 60 } as const],
    ['a timeout', { kind: 'hang' } as const],
  ])('falls back to the next provider on %s', async (_name, behaviour) => {
    const { chain: c, failures } = chain()
    anthropic.script.always(behaviour)
    const result = await c.generate(request)
    expect(result.model.provider).toBe('openai')
    expect(result.generation.text).toContain('[1]')
    expect(failures.map((f) => f.model)).toEqual(['anthropic:claude-sonnet-4-6'])
    expect(openai.script.requests).toHaveLength(1)
  })

  it('opens the breaker: a failing provider is skipped, probed after the cooldown, and used again once it recovers', async () => {
    const { chain: c, advance } = chain()
    anthropic.script.always({ kind: 'overloaded' })
    await c.generate(request)
    await c.generate(request)
    const callsWhenOpened = anthropic.script.requests.length
    expect(c.status()[0]!.breaker).toBe('open')
    const skipped = await c.generate(request)
    expect(anthropic.script.requests.length).toBe(callsWhenOpened)
    expect(skipped.failures[0]).toMatchObject({ model: 'anthropic:claude-sonnet-4-6', skipped: true })
    expect(skipped.model.provider).toBe('openai')

    anthropic.script.reset()
    advance(10_000)
    expect(c.status()[0]!.breaker).toBe('half-open')
    const probe = await c.generate(request)
    expect(probe.model.provider).toBe('anthropic')
    expect(anthropic.script.requests).toHaveLength(1)
    expect(c.status()[0]!.breaker).toBe('closed')
  })

  it('reports a rejected key as an error, does not retry it, and skips that provider for a long time', async () => {
    const { chain: c, logs, advance } = chain()
    anthropic.script.always({ kind: 'bad_key' })
    const result = await c.generate(request)
    expect(result.model.provider).toBe('openai')
    expect(anthropic.script.requests).toHaveLength(1)
    expect(logs.some((l) => l.level === 'error' && /rejected the API key/.test(l.msg))).toBe(true)
    advance(60_000) // far past the normal cooldown
    await c.generate(request)
    await c.generate(request)
    expect(anthropic.script.requests).toHaveLength(1)
  })

  it('throws provider_unavailable naming every failure when no provider answers', async () => {
    const { chain: c } = chain()
    anthropic.script.always({ kind: 'overloaded' })
    openai.script.always({ kind: 'server_error' })
    const error = await c.generate(request).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('provider_unavailable')
    expect(((error as AppError).context.failures as ProviderFailure[]).map((f) => f.model)).toEqual(['anthropic:claude-sonnet-4-6', 'openai:gpt-4o-mini'])
  })

  it('streams from the provider that answers after a fallback', async () => {
    const { chain: c } = chain()
    anthropic.script.always({ kind: 'overloaded' })
    const seen: string[] = []
    const result = await c.generate(request, { onText: (t) => seen.push(t) })
    expect(result.model.provider).toBe('openai')
    expect(seen.at(-1)).toBe(result.generation.text)
  })
})
