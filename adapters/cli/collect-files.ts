import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

export interface CollectedPath {
  path: string
  /** Why this input cannot be read at all, in plain words. */
  problem?: string
}

/** Expands folders recursively (skipping hidden entries), in a stable order. */
export async function collectFiles(inputs: readonly string[]): Promise<CollectedPath[]> {
  const found: CollectedPath[] = []
  for (const input of inputs) await walk(input, found, true)
  return found
}

async function walk(path: string, found: CollectedPath[], given: boolean): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    found.push({ path, problem: code === 'ENOENT' ? 'no such file or folder' : `cannot open it (${code ?? 'unknown error'})` })
    return
  }
  if (info.isFile()) {
    found.push({ path })
    return
  }
  if (!info.isDirectory()) {
    if (given) found.push({ path, problem: 'not a regular file or folder' })
    return
  }
  const entries = (await readdir(path)).filter((name) => !name.startsWith('.') && name !== 'node_modules').sort()
  for (const name of entries) await walk(join(path, name), found, false)
}
