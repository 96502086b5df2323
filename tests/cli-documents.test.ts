import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runCli } from '../adapters/cli/run-cli.ts'
import { corpusPath, repoRoot } from './helpers/corpus.ts'
import { docuquery, lastColumn } from './helpers/run-cli-in-process.ts'

const locked = corpusPath('pdf/encrypted-user-password-openpassword.pdf')
const winmail = corpusPath('email/outlook-tnef-winmail-dat.eml')
// Any ANSI escape sequence: colours, cursor moves.
const ANSI = /\u001b\[/

/** A terminal as the CLI sees one: a stream that says it is a TTY. */
class Terminal extends Writable {
  text = ''
  isTTY = true
  columns = 200
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString()
    done()
  }
}

async function onTerminal(args: string[], env: Record<string, string>) {
  const stdout = new Terminal()
  const stderr = new Terminal()
  const code = await runCli(args, { env: { ...env }, cwd: repoRoot, stdout, stderr })
  return { code, stdout: stdout.text }
}

describe('docuquery documents, forget and reindex by name', () => {
  const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-cli-docs-')), LOG_LEVEL: 'silent' }
  const folder = mkdtempSync(join(tmpdir(), 'dq-folder-'))
  mkdirSync(join(folder, 'team'))
  writeFileSync(join(folder, 'team', 'parking.md'), '# Parking\n\nStaff park in lot B behind the library.\n')
  writeFileSync(join(folder, 'team', 'lunch.md'), '# Lunch\n\nLunch is served in the atrium from noon.\n')
  mkdirSync(join(folder, 'other'))
  writeFileSync(join(folder, 'other', 'parking.md'), '# Parking\n\nVisitors park on Elm Street, two hours at most.\n')

  it('prints sources relative to the folder given', async () => {
    const { code, stdout } = await docuquery(['ingest', folder, '--json'], env)
    expect(code).toBe(0)
    const sources = stdout.trim().split('\n').map((l) => (JSON.parse(l) as { source: string }).source)
    expect(sources).toEqual(['other/parking.md', 'team/lunch.md', 'team/parking.md'])
  })

  it('lists documents with ids, titles, status and reasons; --status failed shows only the failures', async () => {
    expect((await docuquery(['ingest', locked], env)).code).toBe(1)
    const all = (await docuquery(['documents', '--json'], env)).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(all).toHaveLength(4)
    expect(all.map((d) => d.source).sort()).toEqual(['encrypted-user-password-openpassword.pdf', 'other/parking.md', 'team/lunch.md', 'team/parking.md'])
    const failed = await docuquery(['documents', '--status', 'failed', '--json'], env)
    const lines = failed.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toEqual([
      expect.objectContaining({ id: expect.any(String), source: 'encrypted-user-password-openpassword.pdf', status: 'failed', error: expect.objectContaining({ code: 'encrypted' }) }),
    ])
    const table = await docuquery(['documents', '--status', 'failed'], env)
    expect(table.stdout).toContain(lines[0]?.id as string)
    expect(lastColumn(table.stdout)).toMatch(/encrypted — it is password-protected/)
    expect(table.stdout).toMatch(/1 document\n$/)
  })

  it('piped and NO_COLOR output has no ANSI codes, and every table line fits 100 columns', async () => {
    const piped = await docuquery(['documents'], env)
    const stats = await docuquery(['stats'], env)
    const ingest = await docuquery(['ingest', locked, join(folder, 'team')], env)
    for (const text of [piped.stdout, stats.stdout, ingest.stdout]) {
      expect(text).not.toMatch(ANSI)
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100)
    }
    // On a terminal the table is coloured, unless NO_COLOR says otherwise.
    expect((await onTerminal(['documents'], env)).stdout).toMatch(ANSI)
    expect((await onTerminal(['documents'], { ...env, NO_COLOR: '1' })).stdout).not.toMatch(ANSI)
  })

  it('forget and reindex take an exact title or source, and ask which one when several match', async () => {
    // Both parking notes have the title "Parking" (their heading).
    const ambiguous = await docuquery(['forget', 'Parking'], env)
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toMatch(/2 documents match “Parking”; say which one by its id/)
    expect(ambiguous.stderr).toMatch(/team\/parking\.md/)
    expect(ambiguous.stderr).toMatch(/other\/parking\.md/)

    const reindex = await docuquery(['reindex', '--document', 'team/lunch.md', '--json'], env)
    expect(reindex.code).toBe(0)
    expect(JSON.parse(reindex.stdout)).toMatchObject({ status: 'done', total: 1, done: 1 })

    const forget = await docuquery(['forget', 'other/parking.md'], env)
    expect(forget.code).toBe(0)
    expect(forget.stdout).toMatch(/^Forgot other\/parking\.md \(/)
    const answer = JSON.parse((await docuquery(['ask', 'Where do visitors park?', '--json'], env)).stdout) as { answer: string }
    expect(answer.answer).not.toMatch(/Elm Street/)
  })

  it('a title that matches nothing is a plain "not found", never an internal error', async () => {
    const { code, stderr } = await docuquery(['forget', 'The Employee Handbook'], env)
    expect(code).toBe(1)
    expect(stderr).toMatch(/no document has the id, title or source “The Employee Handbook”/)
    expect(stderr).not.toMatch(/went wrong|unexpected/i)
  })

  it('an e-mail’s winmail.dat is skipped, not failed', async () => {
    const { code, stdout } = await docuquery(['ingest', winmail, '--json'], env)
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { source: string; status: string })
    expect(lines.find((l) => /winmail\.dat$/i.test(l.source))).toMatchObject({ status: 'skipped' })
    expect(lines.filter((l) => l.status === 'failed')).toEqual([])
    expect(code).toBe(0)
  })
})
