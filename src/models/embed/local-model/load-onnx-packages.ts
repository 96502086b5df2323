import { AppError } from '../../../platform/app-error.ts'

/** The parts of onnxruntime-node DocuQuery uses. */
export interface OrtTensor {
  readonly data: unknown
  readonly dims: readonly number[]
}

export interface OrtSession {
  readonly inputNames: readonly string[]
  readonly outputNames: readonly string[]
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>
}

export interface OnnxRuntime {
  InferenceSession: { create(path: string, options?: Record<string, unknown>): Promise<OrtSession> }
  Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => OrtTensor
}

/** The parts of @huggingface/tokenizers' Tokenizer DocuQuery uses. */
export interface TextTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] }
  token_to_id(token: string): number | undefined
}

export type TokenizerClass = new (tokenizerJson: object, tokenizerConfig: object) => TextTokenizer

/** The two packages are not dependencies: nobody who does not use a model folder downloads onnxruntime's ~290 MB. */
export const onnxInstallCommand = 'ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@1.30.0 @huggingface/tokenizers@0.2.0'

/**
 * Loads onnxruntime-node and @huggingface/tokenizers on first use. The names
 * go through a variable so neither the type checker nor the build resolves
 * them: both may be absent.
 */
export async function loadOnnxPackages(
  names: { runtime?: string; tokenizers?: string } = {},
): Promise<{ ort: OnnxRuntime; Tokenizer: TokenizerClass }> {
  const ortModule = await importOptional(names.runtime ?? 'onnxruntime-node')
  const tokenizersModule = await importOptional(names.tokenizers ?? '@huggingface/tokenizers')
  // onnxruntime-node is CommonJS: its API may sit on the default export.
  const ort = (pick(ortModule, 'InferenceSession') ? ortModule : pick(ortModule, 'default')) as Record<string, unknown> | undefined
  const Tokenizer = pick(tokenizersModule, 'Tokenizer')
  if (typeof pick(pick(ort, 'InferenceSession'), 'create') !== 'function' || typeof pick(ort, 'Tensor') !== 'function' || typeof Tokenizer !== 'function') {
    throw new AppError('invalid_input', `onnxruntime-node or @huggingface/tokenizers is not the expected version: ${onnxInstallCommand}`)
  }
  return { ort: ort as unknown as OnnxRuntime, Tokenizer: Tokenizer as TokenizerClass }
}

async function importOptional(name: string): Promise<unknown> {
  const specifier: string = name
  try {
    return (await import(specifier)) as unknown
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR needs ${name}, which is not installed. Install onnxruntime-node to use EMBEDDINGS_MODEL_DIR: ${onnxInstallCommand}`, {
        cause: error,
      })
    }
    // Installed but unloadable: usually a platform without a prebuilt binary, or a too old C library.
    throw new AppError('invalid_input', `EMBEDDINGS_MODEL_DIR: ${name} is installed but could not be loaded on this machine (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    })
  }
}

function pick(value: unknown, key: string): unknown {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as Record<string, unknown>)[key] : undefined
}
