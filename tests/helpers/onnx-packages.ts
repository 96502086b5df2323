import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

const installed = (name: string): boolean => {
  try {
    require.resolve(name)
    return true
  } catch {
    return false
  }
}

/**
 * onnxruntime-node and @huggingface/tokenizers are installed by hand (README
 * "Embeddings from a local model folder"), not by `npm install`. A developer
 * without them skips the model-folder tests; CI installs them (.ci/run), so a
 * missing install there fails instead of skipping.
 */
export function onnxPackagesInstalled(env: NodeJS.ProcessEnv = process.env): boolean {
  const ok = installed('onnxruntime-node') && installed('@huggingface/tokenizers')
  if (!ok && env.CI) throw new Error('CI must install onnxruntime-node and @huggingface/tokenizers (see .ci/run) to test EMBEDDINGS_MODEL_DIR')
  return ok
}
