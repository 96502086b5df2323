import { readdir, stat } from 'node:fs/promises'
import { basename, join, relative, resolve, sep } from 'node:path'

export interface CollectedPath {
  /** The full path: it identifies the file, so a changed file is a new version of the same document. */
  path: string
  /** What people see: the path relative to the folder given, or the file's name when a file was given. */
  label: string
  /** Why this input cannot be read at all, in plain words. */
  problem?: string
}

/** Expands folders recursively (skipping hidden entries), in a stable order. */
export async function collectFiles(inputs: readonly string[], cwd: string): Promise<CollectedPath[]> {
  const found: CollectedPath[] = []
  for (const input of inputs) {
    const path = resolve(cwd, input)
    await walk(path, found, (file) => (file === path ? basename(path) : relative(path, file).split(sep).join('/')), input)
  }
  return found
}

async function walk(path: string, found: CollectedPath[], labelOf: (file: string) => string, given?: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    found.push({ path, label: given ?? labelOf(path), problem: code === 'ENOENT' ? 'no such file or folder' : `cannot open it (${code ?? 'unknown error'})` })
    return
  }
  if (info.isFile()) {
    found.push({ path, label: labelOf(path) })
    return
  }
  if (!info.isDirectory()) {
    if (given !== undefined) found.push({ path, label: given, problem: 'not a regular file or folder' })
    return
  }
  const entries = (await readdir(path)).filter((name) => !name.startsWith('.') && name !== 'node_modules').sort()
  for (const name of entries) await walk(join(path, name), found, labelOf)
}
