// Worker entry point. Workers start without the parent's TypeScript loader when the
// parent runs under vitest, so tsx is registered here before the TypeScript main loads
// (the same arrangement as src/ingest/parse/worker/parse-worker.mjs).
import { register } from 'tsx/esm/api'

register()
await import('./encode-worker-main.ts')
