/**
 * `node --import tsx eval/train-gate.ts --data-dir DIR --train a.jsonl,b.jsonl --test c.jsonl`:
 * learns the relevance gate's weights (logistic regression over `gateFeatures`)
 * on question sets in the corpus-qa format, from the index that
 * `npm run eval -- --qa … --data-dir DIR` left in DIR, and reports the
 * question-level figures on the test sets next to the hand-set rules'.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { openPglite } from '../src/store/db/open-pglite.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createQuestionLexicon } from '../src/retrieve/question/question-lexicon.ts'
import { createHybridRetriever, defaultRetrieverOptions } from '../src/retrieve/hybrid-retriever.ts'
import { ANSWER_FROM } from '../src/answer/answer-question.ts'
import { gateFeatureNames, gateFeatures } from '../src/answer/gate-features.ts'
import { passesRules } from '../src/answer/gate-rules.ts'
import { buildRuntime } from '../src/runtime.ts'
import { findWorkspace } from '../src/store/workspace-store.ts'

const args = process.argv.slice(2)
const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined)
const dataDir = valueOf('--data-dir')
if (!dataDir) throw new Error('--data-dir DIR: where `npm run eval -- --qa … --data-dir DIR` indexed the corpus')
const files = (flag: string) => (valueOf(flag) ?? '').split(',').filter(Boolean).map((f) => resolve(f))

interface Item { q: string; doc: string | null; expect: string[]; style: string }
/** `rules`: whether the hand-set rules let the passage through; the model judges only those. */
interface Example { features: number[]; label: number; rules: boolean }
interface Asked { item: Item; set: string; passages: Example[] }

const database = await openPglite(resolve(dataDir))
const runtime = await buildRuntime(loadConfig({ ...process.env, CACHE_TTL_SECONDS: '0' }), silentLogger, { database })
const ws = await findWorkspace(database.orm, { platform: 'local', externalId: 'corpus-qa' })
if (!ws) throw new Error(`no corpus-qa index in ${dataDir}`)
const retriever = createHybridRetriever(database.orm, runtime.embedder, defaultRetrieverOptions, { lexicon: createQuestionLexicon() })

async function ask(file: string): Promise<Asked[]> {
  const items = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Item)
  const asked: Asked[] = []
  for (const item of items) {
    const result = await retriever.retrieve({ workspaceId: ws!.id, channel: null }, item.q, ANSWER_FROM)
    const chunks = result.chunks.slice(0, ANSWER_FROM)
    const topScore = chunks[0]?.score ?? 0
    const passages = chunks.map((chunk, rank) => {
      const text = chunk.text.toLowerCase()
      const answers = item.doc !== null && chunk.source.includes(item.doc) && item.expect.some((e) => text.includes(e.toLowerCase()))
      return { features: gateFeatures(chunk, result.question, { rank, topScore }), label: answers ? 1 : 0, rules: passesRules(chunk, result.question) }
    })
    asked.push({ item, set: file.split('/').at(-1) ?? file, passages })
  }
  return asked
}

const train = (await Promise.all(files('--train').map(ask))).flat()
const test = (await Promise.all(files('--test').map(ask))).flat()
await runtime.close()
await database.close()

// The rules choose the passage that answers; the learned part only decides whether it does: a
// logistic regression over the first passing passage's features, answering (1) or not (0).
const chosen = (asked: readonly Asked[]) =>
  asked.flatMap((a) => {
    const first = a.passages.find((p) => p.rules)
    return first ? [first] : []
  })
interface Model { probability: (features: number[]) => number; weights: number[]; bias: number }

function fit(asked: readonly Asked[]): Model {
  const examples = chosen(asked)
  const dims = gateFeatureNames.length
  const mean = Array.from({ length: dims }, (_, j) => examples.reduce((s, e) => s + (e.features[j] ?? 0), 0) / examples.length)
  const sd = Array.from({ length: dims }, (_, j) => Math.sqrt(examples.reduce((s, e) => s + ((e.features[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / examples.length) || 1)
  const z = (f: number[]) => f.map((v, j) => (v - (mean[j] ?? 0)) / (sd[j] ?? 1))
  let w = new Array<number>(dims).fill(0)
  let b = 0
  const lambda = Number(valueOf('--l2') ?? 0.05)
  const zed = examples.map((e) => ({ x: z(e.features), y: e.label }))
  for (let step = 0; step < 3000; step++) {
    const grad = new Array<number>(dims).fill(0)
    let gradB = 0
    for (const { x, y } of zed) {
      const d = sigmoid(b + x.reduce((s, v, j) => s + v * (w[j] ?? 0), 0)) - y
      for (let j = 0; j < dims; j++) grad[j] = (grad[j] ?? 0) + d * (x[j] ?? 0)
      gradB += d
    }
    w = w.map((wj, j) => wj - 0.5 * ((grad[j] ?? 0) / zed.length + lambda * wj))
    b -= 0.5 * (gradB / zed.length)
  }
  // Weights on the raw features, so the product needs no standardisation.
  const weights = w.map((wj, j) => wj / (sd[j] ?? 1))
  const bias = b - weights.reduce((s, wj, j) => s + wj * (mean[j] ?? 0), 0)
  return { probability: (features) => sigmoid(bias + features.reduce((s, v, j) => s + v * (weights[j] ?? 0), 0)), weights, bias }
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))
const thresholds = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4]

/** Question-level: the first passing passage answers (label 1) for an answerable question; nothing passes for an unanswerable one. */
function score(asked: readonly Asked[], passes: (e: Example) => boolean) {
  const by = new Map<string, { right: number; n: number }>()
  for (const a of asked) {
    const style = a.item.style
    const first = a.passages.find((p) => p.rules)
    const answered = first !== undefined && passes(first)
    const right = style === 'unanswerable' ? !answered : answered && first?.label === 1
    const entry = by.get(style) ?? { right: 0, n: 0 }
    by.set(style, { right: entry.right + (right ? 1 : 0), n: entry.n + 1 })
  }
  return [...by].map(([style, { right, n }]) => `${style} ${(right / n).toFixed(2)} (${right}/${n})`).join('  ')
}

const model = fit(train)
console.log(`trained on ${train.length} questions (${chosen(train).length} answered by the rules, ${chosen(train).filter((e) => e.label === 1).length} of them rightly)`)
console.log(gateFeatureNames.map((name, j) => `${name} ${(model.weights[j] ?? 0).toFixed(3)}`).join(', '), `bias ${model.bias.toFixed(3)}`)
for (const [name, set] of [['train', train], ['test', test]] as const) {
  console.log(`${name} rules:   ${score(set, () => true)}`)
  for (const threshold of thresholds) console.log(`${name} p≥${threshold}: ${score(set, (e) => model.probability(e.features) >= threshold)}`)
}
// --cv: each training file in turn is held out, the model learned on the others.
if (args.includes('--cv')) {
  const sets = [...new Set(train.map((a) => a.set))]
  for (const threshold of [0, ...thresholds]) {
    const judged: Array<{ asked: Asked; passes: boolean }> = []
    for (const held of sets) {
      const m = fit(train.filter((a) => a.set !== held))
      for (const a of train.filter((x) => x.set === held)) {
        const first = a.passages.find((p) => p.rules)
        judged.push({ asked: a, passes: first !== undefined && (threshold === 0 || m.probability(first.features) >= threshold) })
      }
    }
    const by = new Map<string, [number, number]>()
    for (const { asked, passes } of judged) {
      const first = asked.passages.find((p) => p.rules)
      const right = asked.item.style === 'unanswerable' ? !passes : passes && first?.label === 1
      const [r, n] = by.get(asked.item.style) ?? [0, 0]
      by.set(asked.item.style, [r + (right ? 1 : 0), n + 1])
    }
    console.log(`cv ${threshold === 0 ? 'rules  ' : `p≥${threshold}`}: ${[...by].map(([style, [r, n]]) => `${style} ${(r / n).toFixed(2)} (${r}/${n})`).join('  ')}`)
  }
}

// --write T: the weights learned on all training sets, with T as the threshold, become the product's gate.
const write = valueOf('--write')
if (write) {
  const threshold = Number(write)
  const sets = [...new Set(train.map((a) => a.set))].join(', ')
  const body = `// Written by \`node --import tsx eval/train-gate.ts --write ${threshold}\` (do not edit by hand): a logistic
// regression over gateFeatures, learned on ${train.length} questions (${sets}) by which passage the
// hand-set rules let through answers and which does not. Below the threshold the passage is not an answer.
export const learnedGate = {
  features: ${JSON.stringify(gateFeatureNames)},
  weights: [${model.weights.map((w) => Number(w.toFixed(4))).join(', ')}],
  bias: ${Number(model.bias.toFixed(4))},
  threshold: ${threshold},
} as const
`
  writeFileSync(resolve('src/answer/gate-weights.ts'), body)
  console.log(`wrote src/answer/gate-weights.ts (threshold ${threshold})`)
}
