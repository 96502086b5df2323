import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { onnxPackagesInstalled } from '../../../../tests/helpers/onnx-packages.ts'
import { tinyVocabulary, writeTinyModelFolder } from '../../../../tests/helpers/tiny-model-folder.ts'
import { createLocalModelEmbedder } from './local-model-embedder.ts'
import { loadOnnxPackages } from './load-onnx-packages.ts'
import { readModelFolder } from './model-folder.ts'

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0)
const unit = (v: readonly number[]) => {
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}
const expectClose = (actual: readonly number[] | undefined, expected: readonly number[] | undefined) => {
  expect(actual?.length).toBe(expected?.length)
  ;(actual ?? []).forEach((v, i) => expect(v).toBeCloseTo(expected?.[i] ?? Number.NaN, 5))
}

const texts = [
  'The consultant may terminate the contract with 120 days notice.',
  'Annual leave: each team member can take 13 days a year.',
  'Copyright (c) 2024 — all rights reserved.',
  'What is a MIME message?',
  'x',
  '',
  'Employees working on Saturdays get one more day of leave after three months of work.',
]

/** The model's token states for one text, straight from onnxruntime: the reference the pooling must match. */
async function tokenStates(dir: string, text: string): Promise<number[][]> {
  const { ort, Tokenizer } = await loadOnnxPackages()
  const folder = readModelFolder(dir)
  const ids = new Tokenizer(folder.tokenizerJson, folder.tokenizerConfig).encode(text).ids
  const session = await ort.InferenceSession.create(folder.modelPath)
  const tensor = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length])
  const out = await session.run({ input_ids: tensor(ids), attention_mask: tensor(ids.map(() => 1)), token_type_ids: tensor(ids.map(() => 0)) })
  const data = Array.from(out.last_hidden_state?.data as Float32Array)
  const hidden = data.length / ids.length
  return ids.map((_, t) => data.slice(t * hidden, (t + 1) * hidden))
}

describe.runIf(onnxPackagesInstalled())('embeddings from a local model folder', () => {
  it('names itself after the folder and takes its size from the model', async () => {
    const embedder = await createLocalModelEmbedder(writeTinyModelFolder({ layout: 'onnx' }))
    expect(embedder.model).toBe('local:tiny-bert')
    expect(embedder.dimensions).toBe(32)
    const vectors = await embedder.embed(texts, 'document')
    expect(vectors).toHaveLength(texts.length)
    for (const v of vectors) expect(v).toHaveLength(32)
  })

  it('gives the same unit-length vectors every time, from any embedder on the same folder', async () => {
    const dir = writeTinyModelFolder()
    const first = await (await createLocalModelEmbedder(dir)).embed(texts, 'document')
    const again = await (await createLocalModelEmbedder(dir)).embed(texts, 'document')
    expect(again).toEqual(first)
    for (const v of first) expect(dot(v, v)).toBeCloseTo(1, 5)
    // Different texts, different vectors.
    expect(dot(first[0] ?? [], first[1] ?? [])).toBeLessThan(0.999)
  })

  it('pools by mean, CLS or max as the folder says, over real token states', async () => {
    const text = texts[0] ?? ''
    for (const pooling of ['mean', 'cls', 'max'] as const) {
      const dir = writeTinyModelFolder({ pooling })
      const [vector] = await (await createLocalModelEmbedder(dir)).embed([text], 'document')
      const states = await tokenStates(dir, text)
      const hidden = states[0]?.length ?? 0
      const column = (h: number) => states.map((row) => row[h] ?? 0)
      const expected = {
        mean: Array.from({ length: hidden }, (_, h) => column(h).reduce((a, b) => a + b, 0) / states.length),
        cls: states[0] ?? [],
        max: Array.from({ length: hidden }, (_, h) => Math.max(...column(h))),
      }[pooling]
      expectClose(vector, unit(expected))
    }
    const [mean] = await (await createLocalModelEmbedder(writeTinyModelFolder({ pooling: 'mean' }))).embed([text], 'document')
    const [cls] = await (await createLocalModelEmbedder(writeTinyModelFolder({ pooling: 'cls' }))).embed([text], 'document')
    expect(dot(mean ?? [], cls ?? [])).toBeLessThan(0.99)
  })

  it('takes a sentence_embedding output as it is, already pooled by the graph', async () => {
    const [pooledByGraph] = await (await createLocalModelEmbedder(writeTinyModelFolder({ output: 'sentence', pooling: 'mean' }))).embed([texts[1] ?? ''], 'document')
    const [cls] = await (await createLocalModelEmbedder(writeTinyModelFolder({ pooling: 'cls' }))).embed([texts[1] ?? ''], 'document')
    expectClose(pooledByGraph, cls)
  })

  it('answers calls made at the same time as it answers them one after another', async () => {
    const embedder = await createLocalModelEmbedder(writeTinyModelFolder(), { batchSize: 2 })
    const together = await Promise.all(texts.map((text, i) => embedder.embed([text, texts[(i + 1) % texts.length] ?? ''], 'document')))
    for (const [i, text] of texts.entries()) {
      const alone = await embedder.embed([text, texts[(i + 1) % texts.length] ?? ''], 'document')
      alone.forEach((vector, j) => expectClose(together[i]?.[j], vector))
    }
  })

  it('gives each text the same vector in a padded batch as alone', async () => {
    const embedder = await createLocalModelEmbedder(writeTinyModelFolder(), { batchSize: 3 })
    const batched = await embedder.embed(texts, 'query')
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embed([text], 'query')
      expectClose(batched[i], alone)
    }
  })

  it('cuts long texts to the model length, keeping [CLS] and [SEP]', async () => {
    const dir = writeTinyModelFolder({ maxSeqLength: 16 })
    const embedder = await createLocalModelEmbedder(dir)
    // One vocabulary word = one token, so 14 words fill the 16 tokens between [CLS] and [SEP].
    const words = tinyVocabulary().slice(5, 205)
    const [long] = await embedder.embed([words.join(' ')], 'document')
    const [cut] = await embedder.embed([words.slice(0, 14).join(' ')], 'document')
    const [shorter] = await embedder.embed([words.slice(0, 13).join(' ')], 'document')
    expectClose(long, cut)
    expect(dot(long ?? [], shorter ?? [])).toBeLessThan(0.99999)
  })

  it('puts query: and passage: before texts for e5 models', async () => {
    const e5 = await createLocalModelEmbedder(writeTinyModelFolder({ name: 'tiny-e5-small', seed: 99 }))
    const plain = await createLocalModelEmbedder(writeTinyModelFolder({ name: 'tiny-bert', seed: 99 }))
    const text = 'how many days of leave'
    const [asQuery] = await e5.embed([text], 'query')
    const [asPassage] = await e5.embed([text], 'document')
    const [prefixedQuery, prefixedPassage] = await plain.embed([`query: ${text}`, `passage: ${text}`], 'document')
    expectClose(asQuery, prefixedQuery)
    expectClose(asPassage, prefixedPassage)
  })

  it('says what is missing from the folder before loading anything', async () => {
    const dir = writeTinyModelFolder()
    rmSync(join(dir, 'config.json'))
    await expect(createLocalModelEmbedder(dir)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/tiny-bert is not a sentence-transformers ONNX export: it has no config\.json/),
    })
  })
})

describe('the optional onnx packages', () => {
  it('name the install command when onnxruntime-node is missing', async () => {
    await expect(loadOnnxPackages({ runtime: 'onnxruntime-node-that-is-not-installed' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Install onnxruntime-node to use EMBEDDINGS_MODEL_DIR: ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@/),
    })
  })
})
