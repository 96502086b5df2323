import { readFileSync } from 'node:fs'
import path from 'node:path'
import { scifactRoot } from './paths.ts'

export interface ScifactDoc {
  id: string
  title: string
  text: string
}

export interface ScifactQuery {
  id: string
  text: string
}

function readJsonLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown)
}

const field = (value: unknown, key: string): string => {
  const v = (value as Record<string, unknown>)[key]
  return typeof v === 'string' ? v : ''
}

export function loadScifactCorpus(): ScifactDoc[] {
  return readJsonLines(path.join(scifactRoot, 'corpus.jsonl')).map((row) => ({
    id: field(row, '_id'),
    title: field(row, 'title'),
    text: field(row, 'text'),
  }))
}

/**
 * The claims: `test` are those judged in qrels/test.tsv (the measured set),
 * `other` the rest (used only to warm up). Only the text is read, never the
 * metadata field (it holds the answers).
 */
export function loadScifactQueries(): { test: ScifactQuery[]; other: ScifactQuery[] } {
  const judged = new Set(
    readFileSync(path.join(scifactRoot, 'qrels', 'test.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[0]?.trim() ?? '')
      .filter((id) => id !== ''),
  )
  const all = readJsonLines(path.join(scifactRoot, 'queries.jsonl')).map((row) => ({ id: field(row, '_id'), text: field(row, 'text') }))
  return { test: all.filter((q) => judged.has(q.id)), other: all.filter((q) => !judged.has(q.id)) }
}
