/**
 * Keeps ranked passages diverse: each document's first `perDocument`
 * passages keep their places; the rest move behind every other document's,
 * so one long book cannot fill the list, yet a workspace whose answer lives
 * in one document still hands all of its best passages on.
 */
export function capPerDocument<T extends { documentId: string }>(ranked: readonly T[], perDocument: number, limit: number): T[] {
  const seen = new Map<string, number>()
  const first: T[] = []
  const later: T[] = []
  for (const item of ranked) {
    const count = seen.get(item.documentId) ?? 0
    seen.set(item.documentId, count + 1)
    ;(count < perDocument ? first : later).push(item)
  }
  return [...first, ...later].slice(0, limit)
}
