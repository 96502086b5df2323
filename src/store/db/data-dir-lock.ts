import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../platform/app-error.ts'

/**
 * PGlite admits one process. Whoever opens the embedded database (the service
 * or a CLI run) writes `DATA_DIR/owner.json`; the service adds the URL of its
 * admin API so the CLI can work through it instead.
 */
export interface Owner {
  pid: number
  kind: 'service' | 'cli'
  url?: string
}

const ownerFile = (dataDir: string) => join(dataDir, 'owner.json')

export function readOwner(dataDir: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as Owner
    return typeof owner.pid === 'number' && isAlive(owner.pid) ? owner : null
  } catch {
    return null
  }
}

/** Claims the data directory, or says plainly who holds it. */
export function claimDataDir(dataDir: string, owner: Owner): () => void {
  const current = readOwner(dataDir)
  if (current && current.pid !== owner.pid) {
    const who = current.kind === 'service' ? `the DocuQuery service (pid ${current.pid})` : `a docuquery command (pid ${current.pid})`
    throw new AppError('conflict', `${dataDir} is in use by ${who}; the embedded database admits one process at a time.`)
  }
  // A fresh checkout has no ./data yet: `npm start` must work anyway.
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(ownerFile(dataDir), JSON.stringify(owner))
  return () => {
    const still = readOwner(dataDir)
    if (!still || still.pid === owner.pid) rmSync(ownerFile(dataDir), { force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
