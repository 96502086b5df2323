// Worker entry point. Workers start without the parent's TypeScript loader when the
// parent runs under vitest, so tsx is registered here before the TypeScript main loads.
// Under `node --import tsx` the worker inherits the flag and this registration is a no-op in effect.
import { register } from 'tsx/esm/api'

register()
await import('./parse-worker-main.ts')
