import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DNSResolver } from 'mailauth'
import nodemailer from 'nodemailer'
import { type EmailAdapter, createEmailAdapter } from '../../adapters/email/create-email-adapter.ts'
import type { EmailCounters, EmailOutcome } from '../../adapters/email/email-counters.ts'
import type { EmailNotifier, IndexedEmail } from '../../adapters/email/email-notifier.ts'
import { loadConfig } from '../../src/platform/config/load-config.ts'
import { silentLogger } from '../../src/platform/log/logger.ts'
import type { Runtime } from '../../src/runtime.ts'

/** Counts outcomes the way the Prometheus counter does, for assertions. */
export function recordingCounters() {
  const counts = new Map<string, number>()
  const counters: EmailCounters = { count: (via, outcome) => counts.set(`${via}:${outcome}`, (counts.get(`${via}:${outcome}`) ?? 0) + 1) }
  return { counters, get: (via: 'smtp' | 'http', outcome: EmailOutcome) => counts.get(`${via}:${outcome}`) ?? 0 }
}

/** A notifier that keeps what a chat adapter would have posted. */
export function recordingNotifier() {
  const events: IndexedEmail[] = []
  const notifier: EmailNotifier = { onIndexed: async (event) => void events.push(event) }
  return { notifier, events }
}

export function writeRoutesFile(routes: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dq-email-routes-')), 'routes.json')
  writeFileSync(path, JSON.stringify(routes))
  return path
}

/** The e-mail adapter on a test runtime, configured through the same env keys as the service. */
export function buildEmailAdapter(
  runtime: Runtime,
  env: Record<string, string>,
  extra: { counters?: EmailCounters; notifier?: EmailNotifier; resolver?: DNSResolver } = {},
): EmailAdapter {
  const config = loadConfig({ SMTP_HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-email-data-')), ...env })
  return createEmailAdapter({ settings: config, core: runtime.core, logger: silentLogger, ...extra })
}

export function smtpClient(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, tls: { rejectUnauthorized: false } })
}

/** An SMTP refusal as nodemailer reports it. */
export interface SmtpFailure {
  responseCode?: number
  response?: string
  command?: string
}

export async function sendExpectingRefusal(send: () => Promise<unknown>): Promise<SmtpFailure> {
  try {
    await send()
  } catch (error) {
    return error as SmtpFailure
  }
  throw new Error('the message was accepted, a refusal was expected')
}
