import { GoogleGenAI } from '@google/genai'
import { lateFetch } from './late-fetch.ts'

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com'

/**
 * A Gemini API client built only from our settings. The SDK otherwise reads
 * GOOGLE_API_KEY, GOOGLE_GEMINI_BASE_URL and GOOGLE_GENAI_USE_VERTEXAI from
 * the environment itself, which would bypass the config schema; its own
 * retries stay off (no retryOptions) because callWithRetries owns the policy.
 */
export function createGeminiClient(settings: { apiKey: string; baseURL?: string | undefined }): GoogleGenAI {
  return new GoogleGenAI({
    apiKey: settings.apiKey,
    vertexai: false,
    httpOptions: { baseUrl: settings.baseURL ?? GEMINI_DEFAULT_BASE_URL, fetch: lateFetch },
  })
}
