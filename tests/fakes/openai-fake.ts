import { HttpResponse, delay, http } from 'msw'
import { fakeEmbeddings } from './fake-embeddings.ts'
import { type ProviderScript, createProviderScript, deltas, headersOf, replyText, sseBody, sseHeaders } from './fake-provider-script.ts'

export const OPENAI_URL = 'https://api.openai.com/v1'

interface ChatBody {
  model: string
  stream?: boolean
  stream_options?: { include_usage?: boolean }
  messages: { role: string; content: string }[]
}

// With the sizes OpenAI-compatible servers return for their models (Ollama's nomic-embed-text: 768).
const dimensionsOf: Record<string, number> = { 'text-embedding-3-small': 1536, 'text-embedding-3-large': 3072, 'text-embedding-ada-002': 1536, 'nomic-embed-text': 768 }

/** Chat completions (JSON and SSE) and embeddings, answered like the OpenAI API, errors included. */
export function openAiFake(baseUrl = OPENAI_URL) {
  const script = createProviderScript()
  const embeddingScript = createProviderScript()
  const chat = http.post(`${baseUrl}/chat/completions`, async ({ request }) => {
    const body = (await request.json()) as ChatBody
    const system = body.messages.find((m) => m.role === 'system')?.content ?? ''
    const lastUser = body.messages.filter((m) => m.role === 'user').at(-1)?.content ?? ''
    script.requests.push({ url: request.url, headers: headersOf(request), body, system, lastUser, stream: body.stream === true })
    const behaviour = script.take()
    const failure = errorFor(behaviour)
    if (failure) return failure
    if (behaviour.kind === 'hang') {
      await delay('infinite')
      return new HttpResponse(null, { status: 504 })
    }
    if (behaviour.kind !== 'answer') throw new Error('unreachable')
    if (behaviour.delayMs) await delay(behaviour.delayMs)
    const text = replyText(behaviour, lastUser)
    const id = `chatcmpl-${Math.random().toString(36).slice(2, 31)}`
    const created = Math.floor(Date.now() / 1000)
    const model = `${body.model}-2024-07-18`
    const usage = {
      prompt_tokens: Math.ceil((system.length + lastUser.length) / 4),
      completion_tokens: Math.ceil(text.length / 4),
      total_tokens: Math.ceil((system.length + lastUser.length) / 4) + Math.ceil(text.length / 4),
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    }
    const headers = { 'x-request-id': `req_${id.slice(9, 25)}`, 'openai-processing-ms': '412', 'x-ratelimit-remaining-requests': '9999' }
    if (!body.stream) {
      return HttpResponse.json(
        {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
          usage,
          service_tier: 'default',
          system_fingerprint: 'fp_560af6e559',
        },
        { headers },
      )
    }
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, service_tier: 'default', system_fingerprint: 'fp_560af6e559', choices, ...(body.stream_options?.include_usage ? { usage: null } : {}), ...extra })}\n\n`
    const frames = [
      chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]),
      ...deltas(text).map((piece) => chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }])),
      chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]),
      ...(body.stream_options?.include_usage ? [chunk([], { usage })] : []),
      'data: [DONE]\n\n',
    ]
    return new HttpResponse(sseBody(frames, behaviour.deltaDelayMs), { headers: { ...sseHeaders, ...headers } })
  })
  const embeddings = http.post(`${baseUrl}/embeddings`, async ({ request }) => {
    const body = (await request.json()) as { model: string; input: string | string[]; dimensions?: number }
    const inputs = Array.isArray(body.input) ? body.input : [body.input]
    embeddingScript.requests.push({ url: request.url, headers: headersOf(request), body, system: '', lastUser: '', stream: false })
    const behaviour = embeddingScript.take()
    const failure = errorFor(behaviour)
    if (failure) return failure
    const vectors = await fakeEmbeddings(inputs, body.dimensions ?? dimensionsOf[body.model] ?? 1536)
    const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0)
    return HttpResponse.json({
      object: 'list',
      data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    })
  })
  return { handlers: [chat, embeddings], script, embeddingScript }
}

function errorFor(behaviour: ReturnType<ProviderScript['take']>) {
  const body = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } })
  switch (behaviour.kind) {
    case 'rate_limited':
      return HttpResponse.json(
        body(
          `Rate limit reached for gpt-4o-mini in organization org-FAKE000000000000 on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${behaviour.retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          'requests',
          'rate_limit_exceeded',
        ),
        { status: 429, headers: { 'retry-after': String(behaviour.retryAfterSeconds), 'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${behaviour.retryAfterSeconds}s` } },
      )
    case 'server_error':
      return HttpResponse.json(body('The server had an error while processing your request. Sorry about that!', 'server_error', null), { status: 500 })
    case 'overloaded':
      return HttpResponse.json(body('The engine is currently overloaded, please try again later', 'server_error', null), { status: 503 })
    case 'bad_key':
      return HttpResponse.json(
        body('Incorrect API key provided: sk-bad. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key'),
        { status: 401 },
      )
    case 'bad_request':
      return HttpResponse.json(body("Invalid value for 'messages': expected an array.", 'invalid_request_error', null), { status: 400 })
    default:
      return null
  }
}
