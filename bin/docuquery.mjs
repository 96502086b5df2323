#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build` and at install by `prepare`):
// plain JavaScript, so `docuquery --help` costs about as much as starting node.
let cli
try {
  cli = await import('../dist/adapters/cli/run-cli.js')
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('run-cli.js')) throw error
  process.stderr.write('docuquery: the CLI is not built yet; run `npm run build` (or `npm install`) in the DocuQuery folder first.\n')
  process.exit(1)
}
process.exitCode = await cli.runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
})
