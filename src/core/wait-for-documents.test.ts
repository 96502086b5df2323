import { describe, expect, it } from 'vitest'
import type { DocumentView } from '../store/document-view.ts'
import { type DocumentReader, waitForDocuments } from './wait-for-documents.ts'

type Status = DocumentView['status']

/** Documents whose status moves on by one step each time they are read: pending → processing → the final status. */
function library(tree: Record<string, { parent: string | null; final: Status }>) {
  const reads = new Map<string, number>()
  const view = (id: string): DocumentView => {
    const n = reads.get(id) ?? 0
    const node = tree[id]
    if (!node) throw new Error(`no document ${id}`)
    const status: Status = n === 0 ? 'pending' : n === 1 ? 'processing' : node.final
    return { id, status, parentId: node.parent } as DocumentView
  }
  const read: DocumentReader = async (id, withParts) => {
    const document = view(id)
    reads.set(id, (reads.get(id) ?? 0) + 1)
    const parts = withParts ? Object.keys(tree).filter((child) => tree[child]?.parent === id).map((child) => ({ id: child }) as DocumentView) : []
    return { document, parts }
  }
  return { read, reads }
}

describe('waitForDocuments', () => {
  it('reads until every document is indexed or failed', async () => {
    const { read } = library({ a: { parent: null, final: 'indexed' }, b: { parent: null, final: 'failed' } })
    const wait = await waitForDocuments(read, ['a', 'b'], { timeoutMs: 10_000, pollMs: 5 })
    expect(wait.settled).toBe(true)
    expect(wait.documents.map((d) => [d.id, d.status])).toEqual([
      ['a', 'indexed'],
      ['b', 'failed'],
    ])
  })

  it('with parts, waits for the parts at any depth too and lists them depth first', async () => {
    const { read } = library({
      mail: { parent: null, final: 'indexed' },
      forwarded: { parent: 'mail', final: 'indexed' },
      inner: { parent: 'forwarded', final: 'failed' },
      attachment: { parent: 'mail', final: 'indexed' },
    })
    const seen: number[] = []
    const wait = await waitForDocuments(read, ['mail'], { timeoutMs: 10_000, pollMs: 5, parts: true, onRead: (d) => seen.push(d.length) })
    expect(wait.settled).toBe(true)
    expect(wait.documents.map((d) => `${d.id}:${d.status}`)).toEqual(['mail:indexed', 'forwarded:indexed', 'inner:failed', 'attachment:indexed'])
    expect(seen.at(-1)).toBe(4)
  })

  it('without parts, does not read them', async () => {
    const { read, reads } = library({ mail: { parent: null, final: 'indexed' }, attachment: { parent: 'mail', final: 'indexed' } })
    const wait = await waitForDocuments(read, ['mail'], { timeoutMs: 10_000, pollMs: 5 })
    expect(wait.documents.map((d) => d.id)).toEqual(['mail'])
    expect(reads.has('attachment')).toBe(false)
  })

  it('gives up after the timeout with what it read last, not settled', async () => {
    const read: DocumentReader = async (id) => ({ document: { id, status: 'processing' } as DocumentView, parts: [] })
    const wait = await waitForDocuments(read, ['slow'], { timeoutMs: 60, pollMs: 10 })
    expect(wait).toEqual({ settled: false, documents: [{ id: 'slow', status: 'processing' }] })
  })

  it('stops when the signal is aborted, however long the timeout', async () => {
    const read: DocumentReader = async (id) => ({ document: { id, status: 'pending' } as DocumentView, parts: [] })
    const stop = new AbortController()
    const waiting = waitForDocuments(read, ['x'], { timeoutMs: Number.POSITIVE_INFINITY, pollMs: 60_000, signal: stop.signal })
    setTimeout(() => stop.abort(), 20)
    expect((await waiting).settled).toBe(false)
  })

  it('passes a read failure (a document deleted meanwhile) to the caller', async () => {
    const read: DocumentReader = async () => {
      throw new Error('no document with id gone')
    }
    await expect(waitForDocuments(read, ['gone'], { timeoutMs: 1000 })).rejects.toThrow(/no document/)
  })
})
