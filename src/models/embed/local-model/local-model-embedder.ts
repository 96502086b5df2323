import { AppError } from '../../../platform/app-error.ts'
import type { Embedder } from '../embedder.ts'
import { type OnnxRuntime, type OrtSession, type OrtTensor, loadOnnxPackages } from './load-onnx-packages.ts'
import { type ModelFolder, readModelFolder } from './model-folder.ts'
import { l2Normalize, poolTokens } from './pooling.ts'
import { createTokenEncoder } from './token-encoder.ts'

export interface LocalModelOptions {
  /** Texts per ONNX run; texts of similar length are batched together so padding stays small. */
  batchSize?: number
}

const knownInputs = new Set(['input_ids', 'attention_mask', 'token_type_ids', 'position_ids'])
// Token states to pool, in order of preference; `sentence_embedding` is already pooled by the export.
const tokenOutputs = ['token_embeddings', 'last_hidden_state']
const pooledOutput = 'sentence_embedding'

/**
 * Embeddings from a sentence-transformers ONNX export in a folder
 * (EMBEDDINGS_MODEL_DIR): tokenizer.json through @huggingface/tokenizers, the
 * graph through onnxruntime-node, then the folder's pooling and L2
 * normalisation. Nothing is fetched from a model hub.
 */
export async function createLocalModelEmbedder(dir: string, options: LocalModelOptions = {}): Promise<Embedder> {
  const folder = readModelFolder(dir)
  const { ort, Tokenizer } = await loadOnnxPackages()
  const tokenizer = new Tokenizer(folder.tokenizerJson, folder.tokenizerConfig)
  const session = await openSession(ort, folder)
  const output = chooseOutput(session)
  const encode = createTokenEncoder(tokenizer, folder.maxLength)
  const padId = padTokenId(folder, tokenizer.token_to_id.bind(tokenizer))
  const batchSize = options.batchSize ?? 32

  const runBatch = async (batch: readonly number[][]): Promise<number[][]> => {
    const sequence = Math.max(...batch.map((ids) => ids.length))
    const feeds = buildFeeds(ort, session, batch, sequence, padId)
    let outputs: Record<string, OrtTensor>
    try {
      outputs = await session.run(feeds)
    } catch (error) {
      throw new AppError('internal', `the model in EMBEDDINGS_MODEL_DIR failed to run: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        retryable: false,
      })
    }
    return toVectors(outputs[output], feeds.attention_mask?.data as BigInt64Array, folder)
  }

  const embed = async (texts: readonly string[], purpose: 'document' | 'query'): Promise<number[][]> => {
    const prefix = purpose === 'query' ? folder.prefixes.query : folder.prefixes.document
    const encoded = texts.map((text) => encode(prefix + text))
    // Shortest first: each batch pads to its longest text, so similar lengths waste the least work.
    const order = encoded.map((_, i) => i).sort((a, b) => (encoded[a]?.length ?? 0) - (encoded[b]?.length ?? 0))
    const vectors = new Array<number[]>(texts.length)
    for (let start = 0; start < order.length; start += batchSize) {
      const indices = order.slice(start, start + batchSize)
      const batchVectors = await runBatch(indices.map((i) => encoded[i] ?? []))
      indices.forEach((textIndex, j) => {
        vectors[textIndex] = batchVectors[j] ?? []
      })
    }
    return vectors
  }

  // The vector size is what the graph gives, whatever config.json claims.
  const [probe] = await embed(['dimension probe'], 'document')
  return { model: `local:${folder.name}`, dimensions: probe?.length ?? 0, embed }
}

async function openSession(ort: OnnxRuntime, folder: ModelFolder): Promise<OrtSession> {
  let session: OrtSession
  try {
    session = await ort.InferenceSession.create(folder.modelPath)
  } catch (error) {
    throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR: onnxruntime cannot load ${folder.modelPath} (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    })
  }
  const unknown = session.inputNames.filter((name) => !knownInputs.has(name))
  if (unknown.length > 0 || !session.inputNames.includes('input_ids')) {
    throw new AppError(
      'invalid_input',
      `EMBEDDINGS_MODEL_DIR: ${folder.modelPath} takes ${session.inputNames.join(', ')}; an encoder export takes input_ids, attention_mask and optionally token_type_ids`,
    )
  }
  return session
}

function chooseOutput(session: OrtSession): string {
  const preferred = [...tokenOutputs, pooledOutput].find((name) => session.outputNames.includes(name))
  const output = preferred ?? session.outputNames[0]
  if (!output) throw new AppError('invalid_input', 'EMBEDDINGS_MODEL_DIR: the ONNX model has no outputs')
  return output
}

function padTokenId(folder: ModelFolder, tokenToId: (token: string) => number | undefined): number {
  const pad = folder.tokenizerConfig.pad_token
  const token = typeof pad === 'string' ? pad : typeof pad === 'object' && pad !== null ? (pad as { content?: unknown }).content : undefined
  return (typeof token === 'string' ? tokenToId(token) : undefined) ?? 0
}

function buildFeeds(ort: OnnxRuntime, session: OrtSession, batch: readonly number[][], sequence: number, padId: number): Record<string, OrtTensor> {
  const size = batch.length * sequence
  const ids = new BigInt64Array(size).fill(BigInt(padId))
  const mask = new BigInt64Array(size)
  const positions = new BigInt64Array(size)
  batch.forEach((tokens, b) => {
    tokens.forEach((id, t) => {
      ids[b * sequence + t] = BigInt(id)
      mask[b * sequence + t] = 1n
      positions[b * sequence + t] = BigInt(t)
    })
  })
  const dims = [batch.length, sequence]
  const all: Record<string, BigInt64Array> = { input_ids: ids, attention_mask: mask, token_type_ids: new BigInt64Array(size), position_ids: positions }
  const feeds: Record<string, OrtTensor> = {}
  for (const name of session.inputNames) {
    const data = all[name]
    if (data) feeds[name] = new ort.Tensor('int64', data, dims)
  }
  // Pooling needs the mask even when the graph does not take one.
  if (!feeds.attention_mask) feeds.attention_mask = { data: mask, dims }
  return feeds
}

function toVectors(tensor: OrtTensor | undefined, mask: BigInt64Array, folder: ModelFolder): number[][] {
  const data = tensor?.data
  if (!tensor || !(data instanceof Float32Array)) {
    throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR: ${folder.modelPath} does not output float32 vectors (a float16 or quantised-output export?)`, {
      retryable: false,
    })
  }
  const [batch = 0, sequence = 0, hidden = 0] = tensor.dims
  // A `sentence_embedding` output is already one vector per text: [batch, hidden].
  if (tensor.dims.length === 2) return Array.from({ length: batch }, (_, b) => l2Normalize(data.subarray(b * sequence, (b + 1) * sequence)))
  return poolTokens({ data, batch, sequence, hidden }, mask, folder.pooling).map(l2Normalize)
}
