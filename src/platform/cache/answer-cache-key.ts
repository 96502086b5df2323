import { createHash } from 'node:crypto'

export interface AnswerCacheKeyInput {
  question: string
  /** The workspace's database id. */
  workspaceId: string
  /** Channel asked from; null for a public place. It fixes which documents are visible. */
  channel: string | null
  /** Version of the prompt that produced the answer (prompts/). */
  promptVersion: string
  /** Answer models in fallback order, as `provider:model`, or `["extractive"]`. */
  providerChain: readonly string[]
  /** The retrieved passages the answer is built from, in the order the model sees them. */
  chunks?: ReadonlyArray<{ id: number | string; contentHash: string }>
  /** Earlier turns of a thread change the answer too; leave empty outside threads. */
  history?: ReadonlyArray<{ question: string; answer: string }>
  /**
   * For the key looked up before retrieval: a fingerprint of the workspace's
   * documents (count and last change), standing in for the chunks.
   */
  indexVersion?: string
}

// Bumped when the key's layout or the cached value's meaning changes.
const KEY_VERSION = 'v1'

/**
 * The answer cache key: everything that changes the answer, hashed. Because
 * the retrieved chunks' ids and content hashes are part of it, a new or
 * re-indexed document that changes what retrieval returns gives a new key,
 * so a stale answer is never served and nothing has to be deleted.
 */
export function answerCacheKey(input: AnswerCacheKeyInput): string {
  const parts = [
    KEY_VERSION,
    normalizeQuestion(input.question),
    input.workspaceId,
    input.channel ?? '',
    input.promptVersion,
    input.providerChain.join('>'),
    (input.chunks ?? []).map((c) => `${c.id}:${c.contentHash}`),
    (input.history ?? []).map((t) => [t.question, t.answer]),
    ...(input.indexVersion === undefined ? [] : [input.indexVersion]),
  ]
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex')
  return `answer:${KEY_VERSION}:${digest}`
}

/** Case, spacing, Unicode width forms and closing punctuation do not change a question. */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?？!！.。]+$/u, '')
}
