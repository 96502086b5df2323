/**
 * What a fake provider does with the next requests: each fake (anthropic,
 * openai, gemini) answers with bodies and headers shaped like the real API,
 * following this script. Unscripted requests get `answer`.
 */
export type Behaviour =
  /**
   * `delayMs` holds back the response headers; `deltaDelayMs` spaces the
   * streamed frames, as a model that writes slowly does (streaming only).
   */
  | { kind: 'answer'; text?: string | ((lastUser: string) => string); delayMs?: number; deltaDelayMs?: number }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'server_error' }
  /** Anthropic's 529 overloaded_error; Gemini's 503 UNAVAILABLE; OpenAI's 503. */
  | { kind: 'overloaded' }
  | { kind: 'bad_key' }
  | { kind: 'bad_request' }
  /** Never answers; the client's timeout must end it. */
  | { kind: 'hang' }

export interface RecordedRequest {
  url: string
  headers: Record<string, string>
  body: unknown
  /** What the model was asked: its system prompt and the last user message. */
  system: string
  lastUser: string
  stream: boolean
}

export interface ProviderScript {
  /** Queues behaviours for the next requests, in order. */
  next(...behaviours: Behaviour[]): void
  /** Every following request, until reset. */
  always(behaviour: Behaviour): void
  reset(): void
  requests: RecordedRequest[]
  /** Internal: the behaviour for the request being answered. */
  take(): Behaviour
}

export function createProviderScript(): ProviderScript {
  const queue: Behaviour[] = []
  let standing: Behaviour | null = null
  return {
    requests: [],
    next: (...behaviours) => queue.push(...behaviours),
    always: (behaviour) => {
      standing = behaviour
    },
    reset() {
      queue.length = 0
      standing = null
      this.requests.length = 0
    },
    take: () => queue.shift() ?? standing ?? { kind: 'answer' },
  }
}

/** The reply scripted for a request (a text, or one made from what was asked), else the fake answer. */
export function replyText(behaviour: { text?: string | ((lastUser: string) => string) }, lastUser: string): string {
  if (typeof behaviour.text === 'function') return behaviour.text(lastUser)
  return behaviour.text ?? fakeAnswer(lastUser)
}

/**
 * The fake model's answer: the first sentence of passage 1, cited, and of
 * passage 2 when there is one. Deterministic, grounded in what was sent, so
 * tests can tell which passages reached the model.
 */
export function fakeAnswer(lastUser: string): string {
  const passages = [...lastUser.matchAll(/<passage number="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)]
  if (passages.length === 0) return 'Not in the documents.'
  return passages
    .slice(0, 2)
    .map(([, n, text]) => `${firstSentence(text ?? '')} [${n}]`)
    .join(' ')
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const match = /^(.{20,300}?[.!?])(\s|$)/.exec(flat)
  return (match?.[1] ?? flat.slice(0, 200)).trim()
}

/** Splits text into stream deltas of a few words, as providers do. */
export function deltas(text: string): string[] {
  const words = text.split(/(?<=\s)/)
  const out: string[] = []
  for (let i = 0; i < words.length; i += 3) out.push(words.slice(i, i + 3).join(''))
  return out
}

/** A text/event-stream response body from SSE frames, optionally `frameDelayMs` apart. */
export function sseBody(frames: readonly string[], frameDelayMs = 0): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  if (frameDelayMs <= 0) {
    return new ReadableStream({
      start(controller) {
        for (const frame of frames) controller.enqueue(encoder.encode(frame))
        controller.close()
      },
    })
  }
  let next = 0
  return new ReadableStream({
    // Pulled one frame at a time, so the client sees each frame arrive on its own.
    async pull(controller) {
      if (next > 0) await new Promise((resolve) => setTimeout(resolve, frameDelayMs))
      const frame = frames[next++]
      if (frame === undefined) controller.close()
      else controller.enqueue(encoder.encode(frame))
    },
  })
}

export const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }

export const headersOf = (request: Request): Record<string, string> => Object.fromEntries(request.headers.entries())
