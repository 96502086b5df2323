import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusPath } from './helpers/corpus.ts'
import { docuquery, lastColumn } from './helpers/run-cli-in-process.ts'

const contract = corpusPath('pdf/sample-contract.pdf')
const leave = corpusPath('text/markdown/18f-handbook-leave.md')
const locked = corpusPath('pdf/encrypted-user-password-openpassword.pdf')
const email = corpusPath('email/mixed-pdf-png-attachments.eml')

describe('docuquery CLI on the embedded database', () => {
  const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-cli-')), LOG_LEVEL: 'silent' }

  it('ingests files and prints one JSON line per document, e-mail parts included', async () => {
    const { code, stdout } = await docuquery(['ingest', contract, leave, email, '--json'], env)
    // The attached document.pdf is a scan without text: a real failure. The PNG is not a document: skipped.
    expect(code).toBe(1)
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toEqual({ source: 'sample-contract.pdf', documentId: expect.any(String), status: 'indexed', error: null, pages: 10, chunks: expect.any(Number) })
    expect(lines[1]).toMatchObject({ source: '18f-handbook-leave.md', status: 'indexed' })
    const eml = 'mixed-pdf-png-attachments.eml'
    expect(lines.slice(2).map((l) => l.source)).toEqual([eml, `${eml} › document.pdf`, `${eml} › image.png`])
    expect(lines.find((l) => l.source === `${eml} › image.png`)).toMatchObject({ status: 'skipped', error: { code: 'unsupported_type' } })
    expect(lines.find((l) => l.source === `${eml} › document.pdf`)).toMatchObject({ status: 'failed', error: { code: 'no_text' } })
  })

  it('takes options before or after the arguments, and answers with the JSON contract', async () => {
    const { code, stdout } = await docuquery(['ask', '--json', 'How many hours of annual leave can be carried over to the next leave year?'], env)
    expect(code).toBe(0)
    const answer = JSON.parse(stdout) as Record<string, unknown>
    expect(answer).toMatchObject({ grounded: true, cached: false, provider: 'extractive' })
    expect((answer.citations as Array<Record<string, unknown>>)[0]).toMatchObject({ source: '18f-handbook-leave.md', title: 'Leave types' })
    expect(Object.keys((answer.citations as object[])[0] ?? {})).toEqual(
      expect.arrayContaining(['documentId', 'title', 'source', 'page', 'score', 'snippet']),
    )
  })

  it('prints a readable answer with numbered sources', async () => {
    const { stdout } = await docuquery(['ask', 'How long must the consultant keep records available for audit after final payment?'], env)
    expect(stdout).toMatch(/five \(5\) years/)
    expect(stdout).toMatch(/Sources:\n {2}\[1\] sample-contract\.pdf — p\. 7/)
  })

  it('ends the ingest table with the reason a file failed, and exits non-zero', async () => {
    const { code, stdout } = await docuquery(['ingest', locked], env)
    expect(code).toBe(1)
    expect(lastColumn(stdout)).toMatch(/encrypted — it is password-protected/)
    expect(stdout).toMatch(/0 indexed, 1 failed/)
  })

  it('reports a missing file plainly', async () => {
    const { code, stdout } = await docuquery(['ingest', '--json', '/no/such/file.pdf'], env)
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({ status: 'failed', error: { code: 'invalid_input', message: 'no such file or folder' } })
  })

  it('re-ingesting the same bytes is a no-op; a new version replaces the old chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-version-'))
    const file = join(dir, 'policy.md')
    writeFileSync(file, '# Parking\n\nStaff park in lot B behind the library.\n')
    const first = JSON.parse((await docuquery(['ingest', file, '--json'], env)).stdout) as { documentId: string }
    const again = JSON.parse((await docuquery(['ingest', file, '--json'], env)).stdout) as { documentId: string }
    expect(again.documentId).toBe(first.documentId)
    writeFileSync(file, '# Parking\n\nStaff now park in the river garage on level 3.\n')
    const updated = JSON.parse((await docuquery(['ingest', file, '--json'], env)).stdout) as { documentId: string; status: string }
    expect(updated).toMatchObject({ documentId: first.documentId, status: 'indexed' })
    const answer = JSON.parse((await docuquery(['ask', 'Where do staff park?', '--json'], env)).stdout) as { answer: string }
    expect(answer.answer).toMatch(/river garage/)
    expect(answer.answer).not.toMatch(/lot B/)
  })

  it('shows stats, reindexes, and forgets', async () => {
    const stats = JSON.parse((await docuquery(['stats', '--json'], env)).stdout) as { documents: { indexed: number } }
    expect(stats.documents.indexed).toBeGreaterThanOrEqual(3)
    const job = JSON.parse((await docuquery(['reindex', '--json'], env)).stdout) as { status: string; total: number; done: number }
    expect(job).toMatchObject({ status: 'done' })
    expect(job.done).toBe(job.total)
    const doc = JSON.parse((await docuquery(['ingest', contract, '--json'], env)).stdout) as { documentId: string }
    expect((await docuquery(['forget', doc.documentId], env)).code).toBe(0)
    const after = JSON.parse((await docuquery(['ask', '--json', 'How long must the consultant keep records available for audit after final payment?'], env)).stdout) as { citations: Array<{ source: string }> }
    expect(after.citations.map((c) => c.source)).not.toContain('sample-contract.pdf')
    // Reindexing every document is minutes of parsing on a busy 2-core machine, not seconds.
  }, 300_000)

  it('prints nothing a file name or a document can inject into the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-escape-'))
    // Clears the screen, rings the bell, and plants an OSC-8 hyperlink: all legal in a Linux file name.
    const name = 'vault\u001b[2J\u0007\u001b]8;;mailto:pay@evil.example\u001b\\-codes\u001b]8;;\u001b\\.md'
    writeFileSync(join(dir, name), '# Vault \u001b[31mcodes\u001b[0m\n\nThe vault code rotates every Tuesday at noon.\u0007 Ask the duty officer\rfor the new one.\n')
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
    const table = await docuquery(['ingest', join(dir, name)], env)
    expect(table.code).toBe(0)
    // The table draws its borders in colour itself (SGR codes); nothing else may remain.
    const tableText = table.stdout.replace(/\u001b\[\d+m/g, '')
    expect(tableText).not.toMatch(controls)
    expect(tableText).toContain('vault-codes.md')
    expect(tableText).not.toContain('2J')
    const json = JSON.parse((await docuquery(['ingest', join(dir, name), '--json'], env)).stdout) as { source: string }
    // Stored without them too: the source (and title) the core keeps is clean.
    expect(json.source).toBe('vault-codes.md')
    const answer = await docuquery(['ask', 'When does the vault code rotate?'], env)
    expect(answer.stdout).toMatch(/rotates every Tuesday at noon/)
    expect(answer.stdout).toMatch(/\[1\] Vault .*codes.* — .*vault-codes\.md/)
    expect(answer.stdout).not.toMatch(controls)
  })

  it('rejects an unknown command with usage and exit code 2', async () => {
    const { code, stderr } = await docuquery(['summon'], env)
    expect(code).toBe(2)
    expect(stderr).toMatch(/unknown command 'summon'/)
  })

  it('an empty workspace is not an error', async () => {
    const { code, stdout } = await docuquery(['ask', 'anything at all?', '--workspace', 'empty-one', '--json'], env)
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ grounded: false, citations: [] })
  })
})
