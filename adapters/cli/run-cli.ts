import { join } from 'node:path'
import { Command, CommanderError } from 'commander'
import { loadConfig } from '../../src/config/load-config.ts'
import { isAppError } from '../../src/errors/app-error.ts'
import { sanitizeLabel } from '../../src/text/control-characters.ts'
import type { DocuQueryClient } from './docuquery-client.ts'
import { describeError } from './describe-error.ts'
import { ingestCommand } from './ingest-command.ts'
import { openClient } from './open-client.ts'
import { type Output, createOutput } from './output.ts'
import { askCommand, forgetCommand, reindexCommand, statsCommand } from './other-commands.ts'

export interface CliIo {
  env: NodeJS.ProcessEnv
  cwd: string
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}

interface ScopeOptions {
  workspace: string
  channel?: string
  json?: boolean
}

/** Runs one CLI invocation and returns its exit code; the CLI's one error boundary. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json')
  const out = createOutput(io.stdout, io.stderr, json)
  let client: DocuQueryClient | null = null
  let exitCode = 0
  const connect = async () => {
    const config = loadConfig(io.env, join(io.cwd, '.env'))
    client = await openClient(config, io.stderr)
    return client
  }

  const program = new Command('docuquery')
    .description('Ask questions of the documents your team shared, and add documents to the index.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError()

  program
    .command('ingest')
    .description('index files and folders (walked recursively)')
    .argument('<paths...>', 'files or folders')
    .option('-w, --workspace <workspace>', 'workspace to add the documents to', 'local')
    .option('-c, --channel <channel>', 'make the documents visible in this channel only')
    .option('--json', 'print one JSON object per document (JSON Lines)')
    .action(async (paths: string[], opts: ScopeOptions) => {
      exitCode = await ingestCommand(await connect(), paths, scope(opts), out)
    })

  program
    .command('ask')
    .description('answer a question from the documents, with sources')
    .argument('<question...>', 'the question (quote it)')
    .option('-w, --workspace <workspace>', 'workspace to ask in', 'local')
    .option('-c, --channel <channel>', 'ask as if from this channel (sees its private documents)')
    .option('--json', 'print the answer as JSON')
    .action(async (words: string[], opts: ScopeOptions) => {
      exitCode = await askCommand(await connect(), words.join(' '), scope(opts), out)
    })

  program
    .command('stats')
    .description('what is indexed, and how questions are answered')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      exitCode = await statsCommand(await connect(), { json: Boolean(opts.json) }, out)
    })

  program
    .command('reindex')
    .description('parse and index stored documents again (all, or one)')
    .option('-d, --document <id>', 'only this document')
    .option('--json', 'print the finished job as JSON')
    .action(async (opts: { document?: string; json?: boolean }) => {
      exitCode = await reindexCommand(await connect(), { ...(opts.document ? { document: opts.document } : {}), json: Boolean(opts.json) }, out)
    })

  program
    .command('forget')
    .description('remove a document (and the parts of an e-mail) from the index')
    .argument('<id>', 'document id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      exitCode = await forgetCommand(await connect(), id, { json: Boolean(opts.json) }, out)
    })

  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    return reportError(error, json, out)
  } finally {
    await (client as DocuQueryClient | null)?.close()
  }
}

function scope(opts: ScopeOptions) {
  return { workspace: opts.workspace, channel: opts.channel ?? null, json: Boolean(opts.json) }
}

function reportError(error: unknown, json: boolean, out: Output): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
  if (isAppError(error)) {
    if (json) out.line(JSON.stringify({ error: error.toJSON() }))
    else out.error(`docuquery: ${sanitizeLabel(describeError(error))}`)
    return error.code === 'invalid_input' ? 2 : 1
  }
  out.error(`docuquery: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return 1
}
