import { Writable } from 'node:stream'
import { runCli } from '../../adapters/cli/run-cli.ts'
import { repoRoot } from './corpus.ts'

export class Capture extends Writable {
  text = ''
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString()
    done()
  }
}

/** Runs one `docuquery` invocation in this process, as a user would type it. */
export async function docuquery(args: string[], env: Record<string, string>) {
  const stdout = new Capture()
  const stderr = new Capture()
  const code = await runCli(args, { env: { ...env }, cwd: repoRoot, stdout, stderr })
  return { code, stdout: stdout.text, stderr: stderr.text }
}

/** The text of a table's last column, its wrapped lines joined: what a reader of that column sees. */
export function lastColumn(table: string): string {
  return table
    .split('\n')
    .map((line) => line.split('│').at(-2)?.trim() ?? '')
    .filter(Boolean)
    .join(' ')
}
