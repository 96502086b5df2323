import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { AppError } from '../../../platform/app-error.ts'

export type PoolingMode = 'mean' | 'cls' | 'max'

/** What DocuQuery needs from a sentence-transformers ONNX export, read and checked once at start. */
export interface ModelFolder {
  /** The folder's name: the embedder is `local:<name>`. */
  name: string
  modelPath: string
  tokenizerJson: Record<string, unknown>
  tokenizerConfig: Record<string, unknown>
  pooling: PoolingMode
  /** Tokens per text, special tokens included; longer texts are cut. */
  maxLength: number
  /** Put before every text of that kind (e5: `query: ` and `passage: `). */
  prefixes: { query: string; document: string }
}

type Json = Record<string, unknown>

const modelCandidates = ['model.onnx', join('onnx', 'model.onnx')]
// sentence-transformers modules we can run in JavaScript after the ONNX graph.
const runnableModules = ['Transformer', 'Pooling', 'Normalize']
const defaultMaxLength = 512

/** Reads EMBEDDINGS_MODEL_DIR; a folder that is not a usable export stops start-up naming every missing piece. */
export function readModelFolder(dir: string): ModelFolder {
  const root = resolve(dir)
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR ${root} is not a folder`)
  }
  const modelFile = modelCandidates.find((candidate) => existsSync(join(root, candidate)))
  const missing = [
    modelFile ? null : 'model.onnx (or onnx/model.onnx)',
    ...['tokenizer.json', 'config.json'].map((file) => (existsSync(join(root, file)) ? null : file)),
  ].filter((m): m is string => m !== null)
  if (missing.length > 0 || !modelFile) {
    throw new AppError(
      'invalid_input',
      `EMBEDDINGS_MODEL_DIR ${root} is not a sentence-transformers ONNX export: it has no ${missing.join(', no ')}. ` +
        'Use a model folder that has them, e.g. a copy of sentence-transformers/all-MiniLM-L6-v2, BAAI/bge-small-en-v1.5 or intfloat/e5-small-v2 with its onnx/ folder.',
    )
  }
  const config = readJson(root, 'config.json') ?? {}
  const modules = readModules(root)
  return {
    name: basename(root),
    modelPath: join(root, modelFile),
    tokenizerJson: readJson(root, 'tokenizer.json') ?? {},
    tokenizerConfig: readJson(root, 'tokenizer_config.json') ?? {},
    pooling: readPooling(root, modules),
    maxLength: readMaxLength(root, config),
    prefixes: readPrefixes(root, config),
  }
}

function readJson(root: string, file: string): Json | null {
  const path = join(root, file)
  if (!existsSync(path)) return null
  let value: unknown
  try {
    value = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR: ${file} is not valid JSON`, { cause: error })
  }
  // modules.json is a list; every other file here is an object.
  if (typeof value !== 'object' || value === null) throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR: ${file} is not a JSON object`)
  return value as Json
}

interface Module {
  path: string
  type: string
}

function readModules(root: string): Module[] | null {
  const modules = readJson(root, 'modules.json')
  if (!modules) return null
  if (!Array.isArray(modules)) throw new AppError('invalid_input', 'EMBEDDINGS_MODEL_DIR: modules.json is not a list of modules')
  const list = modules.map((m: unknown) => {
    const entry = (typeof m === 'object' && m !== null ? m : {}) as Json
    return { path: typeof entry.path === 'string' ? entry.path : '', type: typeof entry.type === 'string' ? entry.type : '' }
  })
  // A Dense or other layer after pooling changes the vectors: running without it would give wrong ones silently.
  const unknown = list.filter((m) => !runnableModules.includes(m.type.split('.').pop() ?? ''))
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_input',
      `EMBEDDINGS_MODEL_DIR: modules.json has ${unknown.map((m) => m.type).join(', ')}, which DocuQuery cannot run; it runs models made of Transformer, Pooling and Normalize`,
    )
  }
  return list
}

/** Pooling as sentence-transformers' Pooling module says; mean (its own default) when the folder has none. */
function readPooling(root: string, modules: Module[] | null): PoolingMode {
  const poolingPath = modules?.find((m) => m.type.endsWith('Pooling'))?.path ?? '1_Pooling'
  const file = join(poolingPath, 'config.json')
  const config = readJson(root, file)
  if (!config) return 'mean'
  if (typeof config.pooling_mode === 'string') return supportedPooling(config.pooling_mode, file)
  const chosen = Object.entries(config)
    .filter(([key, on]) => key.startsWith('pooling_mode_') && on === true)
    .map(([key]) => key.slice('pooling_mode_'.length))
  if (chosen.length !== 1) {
    throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR: ${file} must turn on exactly one pooling mode (it has ${chosen.length === 0 ? 'none' : chosen.join(', ')})`)
  }
  return supportedPooling(chosen[0] ?? '', file)
}

function supportedPooling(mode: string, file: string): PoolingMode {
  const names: Record<string, PoolingMode> = { mean: 'mean', mean_tokens: 'mean', cls: 'cls', cls_token: 'cls', max: 'max', max_tokens: 'max' }
  const pooling = names[mode]
  if (!pooling) throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR: ${file} asks for ${mode} pooling; DocuQuery pools by mean, cls or max`)
  return pooling
}

/** sentence-transformers' max_seq_length first, then the tokenizer's and the model's limits. */
function readMaxLength(root: string, config: Json): number {
  const positive = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined)
  const sbert = positive(readJson(root, 'sentence_bert_config.json')?.max_seq_length)
  // Tokenizer configs without a limit carry a huge sentinel (1e30).
  const tokenizerLimit = positive(readJson(root, 'tokenizer_config.json')?.model_max_length)
  const tokenizer = tokenizerLimit !== undefined && tokenizerLimit <= 100_000 ? tokenizerLimit : undefined
  const positions = positive(config.max_position_embeddings)
  const wanted = sbert ?? tokenizer ?? defaultMaxLength
  return positions !== undefined ? Math.min(wanted, positions) : wanted
}

/**
 * e5 models were trained with `query: ` and `passage: ` before every text and
 * are markedly worse without them; sentence-transformers 3 writes such prompts
 * into config_sentence_transformers.json, older e5 folders are known by name.
 */
function readPrefixes(root: string, config: Json): { query: string; document: string } {
  const prompts = readJson(root, 'config_sentence_transformers.json')?.prompts
  if (typeof prompts === 'object' && prompts !== null) {
    const p = prompts as Json
    const text = (...keys: string[]) => keys.map((k) => p[k]).find((v): v is string => typeof v === 'string') ?? ''
    const found = { query: text('query'), document: text('document', 'passage', 'corpus') }
    if (found.query || found.document) return found
  }
  const names = [basename(root), typeof config._name_or_path === 'string' ? config._name_or_path : '']
  if (names.some((n) => /(^|[^a-z0-9])e5([^a-z0-9]|$)/i.test(n))) return { query: 'query: ', document: 'passage: ' }
  return { query: '', document: '' }
}
