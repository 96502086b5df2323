import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/app-error.ts'
import { claimDataDir, readOwner } from './data-dir-lock.ts'

describe('claimDataDir', () => {
  it('creates a data directory that does not exist yet (a fresh checkout has no ./data)', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'dq-lock-')), 'data', 'nested')
    const release = claimDataDir(dataDir, { pid: process.pid, kind: 'service' })
    expect(existsSync(join(dataDir, 'owner.json'))).toBe(true)
    expect(readOwner(dataDir)).toEqual({ pid: process.pid, kind: 'service' })
    release()
    expect(existsSync(join(dataDir, 'owner.json'))).toBe(false)
  })

  it('refuses a directory another live process holds, saying who', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dq-lock-'))
    // The parent process (vitest's) is alive and is not us.
    const release = claimDataDir(dataDir, { pid: process.ppid, kind: 'service', url: 'http://127.0.0.1:3000' })
    const error = (() => {
      try {
        claimDataDir(dataDir, { pid: process.pid, kind: 'cli' })
        return null
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/in use by the DocuQuery service/)
    release()
  })
})
