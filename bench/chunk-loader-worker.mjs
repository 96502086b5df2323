// Worker entry point: worker threads do not always inherit the parent's
// TypeScript loader, so tsx is registered here before the TypeScript main loads
// (the same arrangement as src/ingest/parse/worker/parse-worker.mjs).
import { register } from 'tsx/esm/api'

register()
await import('./chunk-loader-worker.ts')
