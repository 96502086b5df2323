import { type DocumentStatus, isAppError, stripControlCharacters } from '../../src/index.ts'
import { join } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import type { DocuQueryClient } from './docuquery-client.ts'
import { describeError } from './describe-error.ts'
import { type Output, createOutput } from './output.ts'

export interface CliIo {
  env: NodeJS.ProcessEnv
  cwd: string
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}

interface ScopeOptions {
  workspace: string
  channel?: string
  json?: boolean
}

/**
 * Runs one CLI invocation and returns its exit code; the CLI's one error boundary.
 * Each command imports what it needs when it runs: `--help` loads commander and
 * nothing else, and a command that talks to a running service never loads the
 * database, the parsers or a chat SDK.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json') || argv.includes('--export')
  const out = createOutput(io.stdout, io.stderr, { quiet: json, env: io.env })
  let client: DocuQueryClient | null = null
  let exitCode = 0
  const connect = async () => {
    const [{ loadConfig }, { openClient }] = await Promise.all([import('../../src/platform/config/load-config.ts'), import('./open-client.ts')])
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
      const { ingestCommand } = await import('./ingest-command.ts')
      exitCode = await ingestCommand(await connect(), paths, { ...scope(opts), cwd: io.cwd }, out)
    })

  program
    .command('ask')
    .description('answer a question from the documents, with sources')
    .argument('<question...>', 'the question (quote it)')
    .option('-w, --workspace <workspace>', 'workspace to ask in', 'local')
    .option('-c, --channel <channel>', 'ask as if from this channel (sees its private documents)')
    .option('--json', 'print the answer as JSON')
    .action(async (words: string[], opts: ScopeOptions) => {
      const { askCommand } = await import('./other-commands.ts')
      exitCode = await askCommand(await connect(), words.join(' '), scope(opts), out)
    })

  program
    .command('documents')
    .description('list documents: ids, titles, status, and why any failed')
    .addOption(new Option('-s, --status <status>', 'only documents with this status').choices(['pending', 'processing', 'indexed', 'failed']))
    .option('-w, --workspace <workspace>', 'only this workspace')
    .option('--json', 'print one JSON object per document (JSON Lines)')
    .action(async (opts: { status?: DocumentStatus; workspace?: string; json?: boolean }) => {
      const { documentsCommand } = await import('./documents-command.ts')
      exitCode = await documentsCommand(
        await connect(),
        { ...(opts.status ? { status: opts.status } : {}), ...(opts.workspace ? { workspace: opts.workspace } : {}), json: Boolean(opts.json) },
        out,
      )
    })

  program
    .command('stats')
    .description('what is indexed, and how questions are answered')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { statsCommand } = await import('./other-commands.ts')
      exitCode = await statsCommand(await connect(), { json: Boolean(opts.json) }, out)
    })

  program
    .command('reindex')
    .description('parse and index stored documents again (all, or one)')
    .option('-d, --document <id|title>', 'only this document: its id, or its exact title or source')
    .option('--json', 'print the finished job as JSON')
    .action(async (opts: { document?: string; json?: boolean }) => {
      const { reindexCommand } = await import('./other-commands.ts')
      exitCode = await reindexCommand(await connect(), { ...(opts.document ? { document: opts.document } : {}), json: Boolean(opts.json) }, out)
    })

  program
    .command('forget')
    .description('remove a document (and the parts of an e-mail) from the index')
    .argument('<id|title>', 'the document’s id, or its exact title or source (`docuquery documents` lists them)')
    .option('--json', 'print JSON')
    .action(async (reference: string, opts: { json?: boolean }) => {
      const { forgetCommand } = await import('./other-commands.ts')
      exitCode = await forgetCommand(await connect(), reference, { json: Boolean(opts.json) }, out)
    })

  program
    .command('feedback')
    .description('answers people marked not helpful (👎), with what they cited and why')
    .option('--since <span>', 'how far back: 30m, 12h, 7d, 2w or a date', '7d')
    .option('-w, --workspace <workspace>', 'only this workspace')
    .option('--json', 'print one JSON object per answer (JSON Lines)')
    .option('--export', 'print evaluation cases in the corpus-qa format (JSON Lines), to be labelled')
    .action(async (opts: { since: string; workspace?: string; json?: boolean; export?: boolean }) => {
      const { feedbackCommand } = await import('./feedback-command.ts')
      exitCode = await feedbackCommand(
        await connect(),
        { since: opts.since, ...(opts.workspace ? { workspace: opts.workspace } : {}), json: Boolean(opts.json), export: Boolean(opts.export) },
        out,
      )
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
    else out.error(`docuquery: ${stripControlCharacters(describeError(error))}`)
    // Bad usage, or a name that matches several documents: say which and try again.
    return error.code === 'invalid_input' || error.context.ambiguous === true ? 2 : 1
  }
  out.error(`docuquery: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return 1
}
