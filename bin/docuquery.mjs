#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so the bin works right after `npm install`.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../adapters/cli/run-cli.ts')
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
})
process.exitCode = code
