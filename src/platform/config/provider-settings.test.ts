import { describe, expect, it } from 'vitest'
import { loadConfig } from './load-config.ts'
import { answerProviderOrder } from './provider-settings.ts'

const problems = (env: Record<string, string>): string => {
  try {
    loadConfig(env)
    return ''
  } catch (error) {
    return (error as Error).message
  }
}

describe('answer-model and embeddings settings', () => {
  it('answers extractively with no keys', () => {
    expect(answerProviderOrder(loadConfig({}))).toEqual([])
  })

  it('uses every provider with a key, Anthropic first, unless LLM_PROVIDERS says otherwise', () => {
    expect(answerProviderOrder(loadConfig({ GEMINI_API_KEY: 'g', ANTHROPIC_API_KEY: 'a' }))).toEqual(['anthropic', 'gemini'])
    expect(answerProviderOrder(loadConfig({ GEMINI_API_KEY: 'g', OPENAI_API_KEY: 'o', LLM_PROVIDERS: 'openai, Gemini' }))).toEqual(['openai', 'gemini'])
  })

  it('takes an OpenAI-compatible local server by its URL alone', () => {
    expect(answerProviderOrder(loadConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1' }))).toEqual(['openai'])
  })

  it('names every provider that is asked for without its key, in one message', () => {
    const message = problems({ LLM_PROVIDERS: 'anthropic,gemini', EMBEDDINGS_PROVIDER: 'openai' })
    expect(message).toMatch(/LLM_PROVIDERS: names anthropic, but ANTHROPIC_API_KEY is not set/)
    expect(message).toMatch(/LLM_PROVIDERS: names gemini, but GEMINI_API_KEY is not set/)
    expect(message).toMatch(/EMBEDDINGS_PROVIDER: is openai, but OPENAI_API_KEY/)
  })

  it('takes an OpenAI-compatible server by its URL alone for embeddings too', () => {
    const config = loadConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1', EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_MODEL: 'nomic-embed-text', EMBEDDINGS_DIMENSIONS: '768' })
    expect(config).toMatchObject({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_MODEL: 'nomic-embed-text', EMBEDDINGS_DIMENSIONS: 768 })
  })

  it('rewrites and reranks with a model unless turned off, and refuses a flag that is not one', () => {
    expect(loadConfig({})).toMatchObject({ LLM_REWRITE_QUESTIONS: true, LLM_RERANK_PASSAGES: true, LLM_RERANK_DEPTH: 20 })
    expect(loadConfig({ LLM_REWRITE_QUESTIONS: 'false', LLM_RERANK_PASSAGES: '0', LLM_RERANK_DEPTH: '' })).toMatchObject({ LLM_REWRITE_QUESTIONS: false, LLM_RERANK_PASSAGES: false })
    expect(problems({ LLM_RERANK_PASSAGES: 'no', LLM_RERANK_DEPTH: '500' })).toMatch(/LLM_RERANK_PASSAGES[\s\S]*LLM_RERANK_DEPTH|LLM_RERANK_DEPTH[\s\S]*LLM_RERANK_PASSAGES/)
  })

  it('refuses an unknown provider and a bad URL', () => {
    expect(problems({ LLM_PROVIDERS: 'anthropic,mistral', ANTHROPIC_API_KEY: 'a' })).toMatch(/LLM_PROVIDERS/)
    expect(problems({ OPENAI_BASE_URL: 'localhost:11434' })).toMatch(/OPENAI_BASE_URL: must be an http\(s\) URL/)
  })
  it('takes a model folder for local embeddings only', () => {
    expect(loadConfig({ EMBEDDINGS_MODEL_DIR: ' /models/e5-small-v2 ' }).EMBEDDINGS_MODEL_DIR).toBe('/models/e5-small-v2')
    expect(loadConfig({ EMBEDDINGS_MODEL_DIR: '' }).EMBEDDINGS_MODEL_DIR).toBeUndefined()
    expect(problems({ EMBEDDINGS_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', EMBEDDINGS_MODEL_DIR: '/models/e5-small-v2' })).toMatch(
      /EMBEDDINGS_MODEL_DIR: is a local model folder, used with EMBEDDINGS_PROVIDER=local \(not openai\)/,
    )
  })
})
