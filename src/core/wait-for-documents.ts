import type { DocumentView } from '../store/document-view.ts'

export interface WaitForDocumentsOptions {
  /** Give up after this long (Infinity: as long as it takes); what is still in progress comes back as it is. */
  timeoutMs: number
  /** Stops waiting early (shutdown), with what was read last. */
  signal?: AbortSignal | undefined
  /** Also wait for the parts the documents produced (e-mail attachments, forwarded messages), at any depth. */
  parts?: boolean | undefined
  /** Longest pause between two reads (default 1 s); the first reads come sooner: 50 ms, then half as long again each time. */
  pollMs?: number | undefined
  /** After each read, every document read (the CLI's progress bar grows as e-mail parts appear). */
  onRead?: ((documents: readonly DocumentView[]) => void) | undefined
}

export interface DocumentsWait {
  /** True when every document (and, with `parts`, every part) is indexed or failed. */
  settled: boolean
  /** Each document asked for, each followed by its parts depth first, as last read. */
  documents: DocumentView[]
}

/** One document and, when asked, the parts it produced directly. */
export type DocumentReader = (id: string, withParts: boolean) => Promise<{ document: DocumentView; parts: DocumentView[] }>

export const isSettled = (document: Pick<DocumentView, 'status'>): boolean => document.status === 'indexed' || document.status === 'failed'

// E-mails nest (a forwarded message inside a message); deeper than this is not a real mailbox.
const MAX_DEPTH = 6

/**
 * Reads until the documents are settled. Polling, because the database is the
 * source of truth and the queue's workers may be other processes; the first
 * reads come quickly since most documents are indexed in well under a second.
 */
export async function waitForDocuments(read: DocumentReader, ids: readonly string[], options: WaitForDocumentsOptions): Promise<DocumentsWait> {
  const deadline = Date.now() + options.timeoutMs
  const longest = options.pollMs ?? 1000
  let pause = Math.min(50, longest)
  for (;;) {
    const documents: DocumentView[] = []
    for (const id of ids) documents.push(...(await readTree(read, id, options.parts === true, 0)))
    options.onRead?.(documents)
    const settled = documents.every(isSettled)
    const wait = Math.min(pause, deadline - Date.now())
    if (settled || wait <= 0 || options.signal?.aborted) return { settled, documents }
    await sleep(wait, options.signal)
    pause = Math.min(longest, Math.round(pause * 1.5))
  }
}

async function readTree(read: DocumentReader, id: string, withParts: boolean, depth: number): Promise<DocumentView[]> {
  const { document, parts } = await read(id, withParts)
  if (!withParts || depth >= MAX_DEPTH) return [document]
  const below: DocumentView[] = []
  for (const part of parts) below.push(...(await readTree(read, part.id, true, depth + 1)))
  return [document, ...below]
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
