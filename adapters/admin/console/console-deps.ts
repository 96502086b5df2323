import type { AdapterStatus } from '../../../src/index.ts'
import type { AdminDeps } from '../admin-deps.ts'

/** What the Settings page shows beyond the core's stats; the composition root knows it. */
export interface ConsoleSettings {
  adapters: AdapterStatus[]
  /** The model new documents are embedded with. */
  embeddingModel: string
}

export type ConsoleDeps = Pick<AdminDeps, 'core' | 'logger' | 'adminToken' | 'maxFileBytes' | 'consoleSettings'>
