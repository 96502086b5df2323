import { readdir, readFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root, found from this file so tests run the same from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The shared third-party corpus; CI clones the repository with ../shared beside it. */
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus')

/** Every file under the given corpus folders, as paths relative to the corpus root, sorted. */
export async function listCorpusFiles(folders: readonly string[]): Promise<string[]> {
  const lists = await Promise.all(
    folders.map(async (folder) => {
      const entries = await readdir(path.join(corpusRoot, folder), { recursive: true, withFileTypes: true })
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(corpusRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    }),
  )
  return lists.flat().sort()
}

export function readCorpusFile(relativePath: string): Promise<Buffer> {
  return readFile(path.join(corpusRoot, relativePath))
}

export const corpusPath = (relative: string): string => path.join(corpusRoot, relative)

export function readCorpus(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(relative)))
}
