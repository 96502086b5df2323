import { HttpResponse, delay, http } from 'msw'
import { fakeEmbeddings } from './fake-embeddings.ts'
import { type ProviderScript, createProviderScript, deltas, headersOf, replyText, sseBody, sseHeaders } from './fake-provider-script.ts'

export const GEMINI_URL = 'https://generativelanguage.googleapis.com'

interface GenerateBody {
  contents: { role: string; parts: { text: string }[] }[]
  systemInstruction?: { parts: { text: string }[] } | string
}

const dimensionsOf: Record<string, number> = { 'text-embedding-004': 768, 'gemini-embedding-001': 3072 }

/**
 * generateContent, streamGenerateContent?alt=sse and batchEmbedContents,
 * answered like the Gemini API (what @google/genai sends; its embedContent
 * calls batchEmbedContents on the Gemini API). Requests the real API would
 * refuse are refused the same way, so a client change that breaks them fails.
 */
export function geminiFake(baseUrl = GEMINI_URL) {
  const script = createProviderScript()
  const embeddingScript = createProviderScript()
  /** Prompts Google's safety filters will block (HTTP 200, no candidates), in order. */
  const blocks: string[] = []
  const generate = http.post(`${baseUrl}/v1beta/models/:call`, async ({ request, params }) => {
    const call = String(params.call)
    const [model = '', method = ''] = call.split(':')
    if (!request.headers.get('x-goog-api-key') && !new URL(request.url).searchParams.get('key')) {
      return error(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.')
    }
    if (method === 'batchEmbedContents') return await embed(request, model)
    if (method !== 'generateContent' && method !== 'streamGenerateContent') {
      return error(404, 'NOT_FOUND', `Method not found.`)
    }
    const stream = method === 'streamGenerateContent'
    // Without alt=sse the real API streams one JSON array, which SSE clients cannot read.
    if (stream && new URL(request.url).searchParams.get('alt') !== 'sse') throw new Error('streamGenerateContent without alt=sse')
    const body = (await request.json()) as GenerateBody
    const system = typeof body.systemInstruction === 'string' ? body.systemInstruction : (body.systemInstruction?.parts ?? []).map((p) => p.text).join('')
    const lastUser = body.contents.filter((c) => c.role === 'user').at(-1)?.parts.map((p) => p.text).join('') ?? ''
    script.requests.push({ url: request.url, headers: headersOf(request), body, system, lastUser, stream })
    const blocked = blocks.shift()
    if (blocked) {
      const feedback = { promptFeedback: { blockReason: blocked }, usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 }, modelVersion: model }
      if (!stream) return HttpResponse.json(feedback)
      return new HttpResponse(sseBody([`data: ${JSON.stringify(feedback)}\r\n\r\n`]), { headers: sseHeaders })
    }
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
    const promptTokenCount = Math.ceil((system.length + lastUser.length) / 4)
    const candidatesTokenCount = Math.ceil(text.length / 4)
    const response = (part: string, last: boolean) => ({
      candidates: [{ content: { parts: [{ text: part }], role: 'model' }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
      usageMetadata: last
        ? { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount, promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokenCount }] }
        : { promptTokenCount, totalTokenCount: promptTokenCount },
      modelVersion: model,
      responseId: `resp_${Math.random().toString(36).slice(2, 18)}`,
    })
    if (!stream) return HttpResponse.json(response(text, true))
    const pieces = deltas(text)
    const frames = pieces.map((piece, i) => `data: ${JSON.stringify(response(piece, i === pieces.length - 1))}\r\n\r\n`)
    return new HttpResponse(sseBody(frames), { headers: sseHeaders })
  })

  async function embed(request: Request, model: string) {
    const body = (await request.json()) as { requests: { model?: string; content: { parts: { text: string }[] }; outputDimensionality?: number }[] }
    const stray = body.requests.find((r) => r.model !== `models/${model}`)
    if (stray) return error(400, 'INVALID_ARGUMENT', `Model name in request (${stray.model ?? ''}) does not match model name in URL (models/${model}).`)
    embeddingScript.requests.push({ url: request.url, headers: headersOf(request), body, system: '', lastUser: '', stream: false })
    const failure = errorFor(embeddingScript.take())
    if (failure) return failure
    const texts = body.requests.map((r) => r.content.parts.map((p) => p.text).join(''))
    const size = body.requests[0]?.outputDimensionality ?? dimensionsOf[model] ?? 768
    const vectors = await fakeEmbeddings(texts, size)
    return HttpResponse.json({ embeddings: vectors.map((values) => ({ values })) })
  }

  return { handlers: [generate], script, embeddingScript, blockNext: (reason = 'SAFETY') => blocks.push(reason) }
}

const error = (code: number, status: string, message: string, details?: unknown[]) =>
  HttpResponse.json({ error: { code, message, status, ...(details ? { details } : {}) } }, { status: code })

function errorFor(behaviour: ReturnType<ProviderScript['take']>) {
  switch (behaviour.kind) {
    case 'rate_limited':
      return error(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${behaviour.retryAfterSeconds}s` },
      ])
    case 'server_error':
      return error(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting')
    case 'overloaded':
      return error(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.')
    case 'bad_key':
      return error(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
        { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
      ])
    case 'bad_request':
      return error(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified')
    default:
      return null
  }
}
