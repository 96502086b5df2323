import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { createAdminApp } from '../../adapters/admin/create-admin-app.ts'
import type { PlatformMount } from '../../adapters/admin/admin-deps.ts'
import { type SlackAdapter, createSlackAdapter } from '../../adapters/slack/create-slack-adapter.ts'
import { silentLogger } from '../../src/platform/log/logger.ts'
import { createMetrics } from '../../src/platform/metrics.ts'
import type { Runtime } from '../../src/runtime.ts'
import { interactionForm } from './slack-interactions.ts'
import type { TestDatabase } from './test-databases.ts'
import { buildTestRuntime } from './test-runtime.ts'
import { BOT_TOKEN, SIGNING_SECRET, eventEnvelope, signed } from './slack-kit.ts'

export interface SlackService {
  adapter: SlackAdapter
  base: string
  /** Posts a signed event (stamped now, or at `timestamp`) and waits until the adapter has handled it (answered, indexed). */
  deliver(event: Record<string, unknown>, timestamp?: number): Promise<Response>
  /** Posts a signed interactivity payload (click, modal submission, shortcut) and waits until it is handled. */
  interact(payload: Record<string, unknown>): Promise<Response>
  close(): Promise<void>
}

/**
 * The Slack adapter (single workspace, HTTP mode) mounted on the real admin
 * server on a free port, as the service runs it. `mounts` adds other doors
 * (the e-mail webhook) to the same server, built with the adapter as src/main.ts
 * builds them (the e-mail door takes its notifier).
 */
export async function startSlackService(
  runtime: Runtime,
  extra: { mounts?: (adapter: SlackAdapter) => PlatformMount[]; apiUrl?: string } = {},
): Promise<SlackService> {
  const adapter = createSlackAdapter({
    core: runtime.core,
    orm: runtime.database.orm,
    logger: silentLogger,
    settings: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, answerBots: false, ...(extra.apiUrl ? { apiUrl: extra.apiUrl } : {}) },
    maxFileBytes: runtime.config.MAX_FILE_BYTES,
    timing: testSlackTiming,
  })
  const server = await serveSlackAdapter(runtime, adapter, extra.mounts?.(adapter) ?? [])
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    adapter,
    base,
    async deliver(event, timestamp) {
      const res = await fetch(`${base}/slack/events`, signed(JSON.stringify(eventEnvelope(event)), timestamp === undefined ? {} : { timestamp }))
      await adapter.idle()
      return res
    },
    async interact(payload) {
      const res = await fetch(`${base}/slack/events`, signed(interactionForm(payload), { contentType: 'application/x-www-form-urlencoded' }))
      await adapter.idle()
      return res
    },
    async close() {
      await adapter.stop()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** Short polls and one quick retry: the tests wait on the adapter, not on the clock. */
export const testSlackTiming = { indexPollMs: 25, retry: { retries: 1, minTimeout: 10 } }

/** A Slack adapter (any settings) on the real admin server, on a free port. */
export async function serveSlackAdapter(runtime: Runtime, adapter: SlackAdapter, extraMounts: PlatformMount[] = []): Promise<ServerType> {
  if (!adapter.mount) throw new Error('HTTP mode has a mount')
  const app = createAdminApp({
    core: runtime.core,
    logger: silentLogger,
    metrics: createMetrics({ documentCounts: async () => ({}) }),
    adminToken: 'admin-token-for-slack-tests',
    maxFileBytes: runtime.config.MAX_FILE_BYTES,
    isReady: async () => true,
    mounts: [adapter.mount, ...extraMounts],
  })
  return await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
}

/** A fresh database of the given kind, the real runtime on it and the Slack service over that: for one describe block. */
export async function openSlackService(
  db: TestDatabase,
  env: Record<string, string> = {},
): Promise<{ runtime: Runtime; service: SlackService; close: () => Promise<void> }> {
  const created = await db.create()
  const runtime = await buildTestRuntime(created.database, env)
  const service = await startSlackService(runtime)
  return {
    runtime,
    service,
    close: async () => {
      await service.close()
      await runtime.close()
      await created.drop()
    },
  }
}
