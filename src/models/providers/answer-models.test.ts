import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { anthropicFake } from '../../../tests/fakes/anthropic-fake.ts'
import { geminiFake } from '../../../tests/fakes/gemini-fake.ts'
import { openAiFake } from '../../../tests/fakes/openai-fake.ts'
import type { ProviderScript } from '../../../tests/fakes/fake-provider-script.ts'
import { AppError } from '../../platform/app-error.ts'
import type { AnswerModel, GenerationRequest } from '../answer-model.ts'
import { type RetryPolicy, callWithRetries } from '../call-with-retries.ts'
import { createAnthropicAnswerModel } from './anthropic-answer-model.ts'
import { createGeminiAnswerModel } from './gemini-answer-model.ts'
import { createOpenAiAnswerModel } from './openai-answer-model.ts'

const anthropic = anthropicFake()
const openai = openAiFake()
const gemini = geminiFake()
const geminiGateway = geminiFake('https://gateway.example.test/google')
const server = setupServer(...anthropic.handlers, ...openai.handlers, ...gemini.handlers, ...geminiGateway.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  for (const script of [anthropic.script, openai.script, gemini.script, geminiGateway.script]) script.reset()
})
afterAll(() => server.close())

const request: GenerationRequest = {
  system: 'Answer from the passages only.',
  messages: [
    {
      role: 'user',
      content: 'Passages:\n\n<passage number="1" title="Release" source="r.md">\nKubernetes ships three minor releases a year. More text.\n</passage>\n\nQuestion: How often?',
    },
  ],
  maxTokens: 200,
}
const expected = 'Kubernetes ships three minor releases a year. [1]'

const policy: RetryPolicy = { retries: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 3_000, timeoutMs: 5_000, retryTimeouts: false }

const cases: Array<{ name: string; model: AnswerModel; script: ProviderScript; overloadedStatus: number }> = [
  { name: 'anthropic', model: createAnthropicAnswerModel({ apiKey: 'sk-ant-test', model: 'claude-sonnet-4-6' }), script: anthropic.script, overloadedStatus: 529 },
  { name: 'openai', model: createOpenAiAnswerModel({ apiKey: 'sk-test', model: 'gpt-4o-mini' }), script: openai.script, overloadedStatus: 503 },
  { name: 'gemini', model: createGeminiAnswerModel({ apiKey: 'AIza-test', model: 'gemini-2.5-flash' }), script: gemini.script, overloadedStatus: 503 },
]

const call = (model: AnswerModel, options: { onText?: (t: string) => void; policy?: RetryPolicy } = {}) =>
  callWithRetries(model.provider, options.policy ?? policy, (signal) => model.generate(request, { signal, ...(options.onText ? { onText: options.onText } : {}) }))

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe.each(cases)('$name answer model', ({ name, model, script, overloadedStatus }) => {
  it('answers, with the system prompt sent as the provider expects and token usage read back', async () => {
    const generation = await call(model)
    expect(generation.text).toBe(expected)
    expect(generation.tokensIn).toBeGreaterThan(0)
    expect(generation.tokensOut).toBeGreaterThan(0)
    expect(script.requests).toHaveLength(1)
    expect(script.requests[0]!.system).toBe(request.system)
    expect(script.requests[0]!.stream).toBe(false)
  })

  it('streams: the text grows delta by delta and ends as the whole answer', async () => {
    const seen: string[] = []
    const generation = await call(model, { onText: (t) => seen.push(t) })
    expect(script.requests[0]!.stream).toBe(true)
    expect(seen.length).toBeGreaterThan(2)
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.startsWith(seen[i - 1]!)).toBe(true)
    expect(seen.at(-1)).toBe(expected)
    expect(generation.text).toBe(expected)
    expect(generation.tokensOut).toBeGreaterThan(0)
  })

  it('waits as long as a 429 says (Retry-After) and then answers', async () => {
    script.next({ kind: 'rate_limited', retryAfterSeconds: 1 })
    const started = Date.now()
    const generation = await call(model)
    expect(generation.text).toBe(expected)
    expect(script.requests).toHaveLength(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('hands a 429 that asks for too long a wait up at once, as rate_limited with the wait', async () => {
    script.next({ kind: 'rate_limited', retryAfterSeconds: 30 })
    const error = await failure(call(model))
    expect(error.code).toBe('rate_limited')
    expect(error.retryable).toBe(true)
    expect(error.context.retryAfterMs).toBe(30_000)
    expect(script.requests).toHaveLength(1)
  })

  it(`retries a 500 and a ${overloadedStatus} overloaded answer, then succeeds`, async () => {
    script.next({ kind: 'server_error' }, { kind: 'overloaded' })
    expect((await call(model)).text).toBe(expected)
    expect(script.requests).toHaveLength(3)
  })

  it('gives up on a provider that stays down, with a retryable provider_unavailable', async () => {
    script.always({ kind: 'overloaded' })
    const error = await failure(call(model))
    expect(error.code).toBe('provider_unavailable')
    expect(error.retryable).toBe(true)
    expect(error.context.status).toBe(overloadedStatus)
    expect(script.requests).toHaveLength(1 + policy.retries)
  })

  it('reports a rejected key as unauthorized and does not retry it', async () => {
    script.always({ kind: 'bad_key' })
    const error = await failure(call(model))
    expect(error.code).toBe('unauthorized')
    expect(error.retryable).toBe(false)
    expect(error.message).toMatch(new RegExp(name))
    expect(script.requests).toHaveLength(1)
  })

  it('reports a bad request as invalid_input, not retried', async () => {
    script.next({ kind: 'bad_request' })
    const error = await failure(call(model))
    expect(error.code).toBe('invalid_input')
    expect(script.requests).toHaveLength(1)
  })

  it('times out a provider that does not answer, without retrying it', async () => {
    script.always({ kind: 'hang' })
    const error = await failure(call(model, { policy: { ...policy, timeoutMs: 300 } }))
    expect(error.code).toBe('provider_unavailable')
    expect(error.context.timeout).toBe(true)
    expect(error.message).toMatch(/did not answer within 300 ms/)
    expect(script.requests).toHaveLength(1)
  })
})

describe('gemini specifics', () => {
  const model = createGeminiAnswerModel({ apiKey: 'AIza-test', model: 'gemini-2.5-flash' })

  it('reports a prompt blocked by safety filters (HTTP 200, no text) as invalid_input, not retried, streamed or not', async () => {
    for (const onText of [undefined, () => {}]) {
      gemini.blockNext('SAFETY')
      const error = await failure(call(model, onText ? { onText } : {}))
      expect(error.code).toBe('invalid_input')
      expect(error.retryable).toBe(false)
      expect(error.message).toMatch(/gemini declined to answer \(the question was blocked: SAFETY\)/)
    }
    expect(gemini.script.requests).toHaveLength(2)
  })

  it('sends every call to GEMINI_BASE_URL when one is set, with the key in x-goog-api-key', async () => {
    const viaGateway = createGeminiAnswerModel({ apiKey: 'AIza-test', baseURL: 'https://gateway.example.test/google', model: 'gemini-2.5-flash' })
    expect((await call(viaGateway)).text).toBe(expected)
    expect((await call(viaGateway, { onText: () => {} })).text).toBe(expected)
    expect(geminiGateway.script.requests.map((r) => r.url)).toEqual([
      'https://gateway.example.test/google/v1beta/models/gemini-2.5-flash:generateContent',
      'https://gateway.example.test/google/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ])
    expect(geminiGateway.script.requests[0]!.headers['x-goog-api-key']).toBe('AIza-test')
    expect(gemini.script.requests).toHaveLength(0)
  })
})
