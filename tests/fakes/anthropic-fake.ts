import { HttpResponse, delay, http } from 'msw'
import { type ProviderScript, createProviderScript, deltas, headersOf, replyText, sseBody, sseHeaders } from './fake-provider-script.ts'

export const ANTHROPIC_URL = 'https://api.anthropic.com'

interface MessagesBody {
  model: string
  system?: string
  stream?: boolean
  messages: { role: string; content: string }[]
}

/** POST /v1/messages, answered like Anthropic's Messages API (JSON and SSE), errors included. */
export function anthropicFake(baseUrl = ANTHROPIC_URL): { handlers: ReturnType<typeof http.post>[]; script: ProviderScript } {
  const script = createProviderScript()
  const handler = http.post(`${baseUrl}/v1/messages`, async ({ request }) => {
    const body = (await request.json()) as MessagesBody
    const lastUser = body.messages.at(-1)?.content ?? ''
    script.requests.push({ url: request.url, headers: headersOf(request), body, system: body.system ?? '', lastUser, stream: body.stream === true })
    const behaviour = script.take()
    const requestId = `req_011C${Math.random().toString(36).slice(2, 14)}`
    const common = { 'request-id': requestId, 'anthropic-organization-id': '9a1c0e52-5b1e-4b88-8a0c-fake00000001' }
    switch (behaviour.kind) {
      case 'rate_limited':
        return error(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.', requestId, {
          ...common,
          'retry-after': String(behaviour.retryAfterSeconds),
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '0',
          'anthropic-ratelimit-requests-reset': new Date(Date.now() + behaviour.retryAfterSeconds * 1000).toISOString(),
        })
      case 'server_error':
        return error(500, 'api_error', 'Internal server error', requestId, common)
      case 'overloaded':
        return error(529, 'overloaded_error', 'Overloaded', requestId, common)
      case 'bad_key':
        return error(401, 'authentication_error', 'invalid x-api-key', requestId, common)
      case 'bad_request':
        return error(400, 'invalid_request_error', 'messages: at least one message is required', requestId, common)
      case 'hang':
        await delay('infinite')
        return new HttpResponse(null, { status: 504 })
      case 'answer': {
        if (behaviour.delayMs) await delay(behaviour.delayMs)
        const text = replyText(behaviour, lastUser)
        const inputTokens = Math.ceil(((body.system ?? '').length + lastUser.length) / 4)
        const outputTokens = Math.ceil(text.length / 4)
        const id = `msg_01${Math.random().toString(36).slice(2, 24)}`
        const model = `${body.model}-20250929`
        if (!body.stream) {
          return HttpResponse.json(
            {
              id,
              type: 'message',
              role: 'assistant',
              model,
              content: [{ type: 'text', text }],
              stop_reason: 'end_turn',
              stop_sequence: null,
              usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens, service_tier: 'standard' },
            },
            { headers: common },
          )
        }
        const event = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`
        const frames = [
          event('message_start', {
            type: 'message_start',
            message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1, service_tier: 'standard' } },
          }),
          event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
          event('ping', { type: 'ping' }),
          ...deltas(text).map((piece) => event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })),
          event('content_block_stop', { type: 'content_block_stop', index: 0 }),
          event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } }),
          event('message_stop', { type: 'message_stop' }),
        ]
        return new HttpResponse(sseBody(frames, behaviour.deltaDelayMs), { headers: { ...sseHeaders, ...common } })
      }
    }
  })
  return { handlers: [handler], script }
}

function error(status: number, type: string, message: string, requestId: string, headers: Record<string, string>) {
  return HttpResponse.json({ type: 'error', error: { type, message }, request_id: requestId }, { status, headers: { ...headers, 'x-should-retry': String(status >= 500 || status === 429) } })
}
