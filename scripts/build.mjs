#!/usr/bin/env node
// Compiles the TypeScript sources to dist/ once (npm run build, and `prepare` at install),
// so `npm start`, `npm run worker`, the `docuquery` bin and the parse workers run plain
// JavaScript instead of loading a TypeScript compiler at every start.
//
// One output file per source file, in the same folders (dist/src/main.js, dist/adapters/…):
// each module keeps its own import.meta.url, so paths found relative to a file still work,
// and the CLI's dynamic imports stay lazy. Type checking is `npm run typecheck`'s job.
import { cpSync, readdirSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = join(root, 'dist')
const sourceFolders = ['src', 'adapters', 'prompts']

/** Every module the programs may load: no tests, test contracts or test fixtures. */
function sourceFiles(folder) {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !/\.(test|contract)\.ts$/.test(path) && !path.split(/[\\/]/).includes('fixtures'))
}

/** Relative imports stay imports of the sibling output file (`./x.ts` → `./x.js`); packages stay packages. */
const keepModulesSeparate = {
  name: 'keep-modules-separate',
  setup(context) {
    context.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined
      return { path: args.path.replace(/\.ts$/, '.js'), external: true }
    })
  },
}

rmSync(outdir, { recursive: true, force: true })
const entryPoints = sourceFolders.flatMap(sourceFiles)
await build({
  entryPoints,
  outdir,
  outbase: root,
  bundle: true,
  packages: 'external',
  plugins: [keepModulesSeparate],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
})
// The database opener finds the SQL migrations at ../../migrations from its own file.
cpSync(join(root, 'migrations'), join(outdir, 'migrations'), { recursive: true })
process.stdout.write(`docuquery: built ${entryPoints.length} modules into dist/\n`)
