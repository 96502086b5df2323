import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root, found from this file so the bench runs the same from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The shared third-party corpus and the SciFact set, cloned beside the repository. */
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus')
export const scifactRoot = path.resolve(repoRoot, '../shared/eval/scifact')
