/**
 * The bytes of documents just stored, kept for the one read that follows:
 * the ingest handler would otherwise read back from the database what it was
 * handed a moment before (seconds for a large PDF on PGlite). The database
 * stays the source of truth: anything not here (another process, a restart,
 * over the budget) is read from it as before. Each entry is taken once.
 */
export function createRecentBytes(budgetBytes: number, maxAgeMs: number) {
  const entries = new Map<string, { bytes: Uint8Array; at: number }>()
  let total = 0

  const drop = (id: string) => {
    const entry = entries.get(id)
    if (!entry) return
    total -= entry.bytes.byteLength
    entries.delete(id)
  }

  return {
    /** Keeps a copy: the caller may reuse its buffer once the document is stored. */
    remember(id: string, bytes: Uint8Array): void {
      drop(id)
      if (bytes.byteLength > budgetBytes) return
      const now = Date.now()
      // Oldest first (insertion order): those past their age, then those over the budget.
      for (const [key, entry] of entries) {
        if (now - entry.at <= maxAgeMs && total + bytes.byteLength <= budgetBytes) break
        drop(key)
      }
      entries.set(id, { bytes: new Uint8Array(bytes), at: now })
      total += bytes.byteLength
    },
    take(id: string): Uint8Array | null {
      const entry = entries.get(id)
      if (!entry) return null
      drop(id)
      return entry.bytes
    },
    forget: drop,
  }
}
