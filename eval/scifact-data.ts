import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface BeirDoc {
  id: string
  title: string
  text: string
}

export interface BeirQuery {
  id: string
  text: string
}

/**
 * Reads a BEIR folder. Query metadata carries SciFact's evidence (the answers):
 * it is dropped here so nothing downstream can see it.
 */
export function loadBeir(dir: string, split: 'test' | 'train') {
  const corpus = readJsonl(join(dir, 'corpus.jsonl')).map(
    (row): BeirDoc => ({ id: String(row._id), title: String(row.title ?? ''), text: String(row.text ?? '') }),
  )
  const qrels = new Map<string, Map<string, number>>()
  const lines = readFileSync(join(dir, 'qrels', `${split}.tsv`), 'utf8').trim().split('\n').slice(1)
  for (const line of lines) {
    const [queryId, docId, score] = line.split('\t')
    if (!queryId || !docId) continue
    const judged = qrels.get(queryId) ?? new Map<string, number>()
    judged.set(docId, Number(score ?? 1))
    qrels.set(queryId, judged)
  }
  const queries = readJsonl(join(dir, 'queries.jsonl'))
    .filter((row) => qrels.has(String(row._id)))
    .map((row): BeirQuery => ({ id: String(row._id), text: String(row.text ?? '') }))
  return { corpus, queries, qrels }
}

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}
