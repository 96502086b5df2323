import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setupServer } from 'msw/node'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { buildRuntime, type Runtime } from '../src/runtime.ts'
import { anthropicFake } from '../tests/fakes/anthropic-fake.ts'
import { openAiFake } from '../tests/fakes/openai-fake.ts'
import { openBenchPglite } from './bench-databases.ts'
import type { BenchOptions } from './bench-options.ts'
import { type CacheBenchSetup, cacheBenchFiles, cacheBenchQuestions } from './cache-bench.ts'
import { summarizeLatencies } from './latency-summary.ts'
import { corpusRoot } from './paths.ts'
import type { Report } from './report.ts'

const providerEnv = {
  ANTHROPIC_API_KEY: 'sk-ant-bench',
  OPENAI_API_KEY: 'sk-bench',
  LLM_PROVIDERS: 'anthropic,openai',
}

/** The providers' APIs answered in this process by msw, with bodies shaped like theirs. */
function fakeProviders() {
  const anthropic = anthropicFake()
  const openai = openAiFake()
  const server = setupServer(...anthropic.handlers, ...openai.handlers)
  return { anthropic, openai, server }
}

/** For the cache figure: Anthropic behind msw answers every miss. */
export function mswProviderSetup(): CacheBenchSetup {
  const { server } = fakeProviders()
  return {
    label: 'anthropic:claude-sonnet-4-6 behind msw (SDK, HTTP shapes and SSE parsing for real; no network)',
    env: providerEnv,
    start: async () => server.listen({ onUnhandledRequest: 'error' }),
    stop: async () => server.close(),
  }
}

/**
 * Section `gateway`: what DocuQuery itself adds to an answer (retrieval,
 * prompt, citation check, recording) next to the provider's own time, and how
 * long a fallback takes when the first provider times out or is overloaded.
 */
export async function gatewayFigures(options: BenchOptions, report: Report): Promise<void> {
  const rounds = options.quick ? 1 : 5
  const timeoutMs = 2000
  report.line(
    `\n7. Answer-model gateway on PGlite: ${cacheBenchQuestions.length} questions × ${rounds} round(s) through core.ask with LLM_PROVIDERS=anthropic,openai behind msw, answer cache off.` +
      ` Gateway = answer time − time inside the provider call (onTimings); then fallback with LLM_TIMEOUT_MS=${timeoutMs} when Anthropic hangs, and when it answers 529`,
  )
  const fakes = fakeProviders()
  fakes.server.listen({ onUnhandledRequest: 'error' })
  const db = await openBenchPglite()
  const build = (env: Record<string, string>) =>
    buildRuntime(loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dq-bench-gw-')), LOG_LEVEL: 'silent', CACHE_TTL_SECONDS: '0', ...providerEnv, ...env }), silentLogger, { database: db.database })
  let runtime: Runtime | null = null
  try {
    runtime = await build({})
    for (const file of cacheBenchFiles) {
      await runtime.core.ingest({ workspace: 'bench-gw', visibleIn: null, bytes: new Uint8Array(readFileSync(path.join(corpusRoot, file))), filename: file, source: 'cli', sourceRef: file })
    }
    await runtime.core.idle()
    const ask = async (rt: Runtime, question: string) => {
      let timings = { retrievalMs: 0, providerMs: 0, totalMs: 0 }
      const started = performance.now()
      const result = await rt.core.ask({ question, workspace: 'bench-gw', channel: null }, { onTimings: (t) => (timings = t) })
      return { result, timings, wallMs: performance.now() - started }
    }
    for (const question of cacheBenchQuestions.slice(0, 5)) await ask(runtime, question) // warm-up
    const gateway: number[] = []
    const provider: number[] = []
    const retrieval: number[] = []
    let unanswered = 0
    for (let round = 0; round < rounds; round++) {
      for (const question of cacheBenchQuestions) {
        const { timings } = await ask(runtime, question)
        // Questions the relevance gate stops never reach a model; they would flatter the gateway.
        if (timings.providerMs === 0) {
          unanswered++
          continue
        }
        gateway.push(timings.totalMs - timings.providerMs)
        provider.push(timings.providerMs)
        retrieval.push(timings.retrievalMs)
      }
    }
    const g = summarizeLatencies(gateway)
    const p = summarizeLatencies(provider)
    const r = summarizeLatencies(retrieval)
    report.line(
      `  gateway (answer − provider): p50 ${g.p50} ms, p95 ${g.p95} ms over ${g.n} answers (${unanswered} questions stopped by the relevance gate, not counted);` +
        ` of which retrieval p50 ${r.p50} ms; provider call (SDK + msw) p50 ${p.p50} ms, p95 ${p.p95} ms`,
    )
    report.figure({ figure: 'gateway_latency', database: 'pglite', gateway_p50_ms: g.p50, gateway_p95_ms: g.p95, retrieval_p50_ms: r.p50, provider_p50_ms: p.p50, provider_p95_ms: p.p95, n: g.n, gated: unanswered })
    await runtime.close()
    runtime = null

    // Fallback: a fresh runtime each time, so every breaker starts closed.
    for (const scenario of [
      { name: 'timeout', behaviour: { kind: 'hang' } as const },
      { name: 'overloaded_529', behaviour: { kind: 'overloaded' } as const },
    ]) {
      runtime = await build({ LLM_TIMEOUT_MS: String(timeoutMs), LLM_BREAKER_FAILURES: '3', LLM_BREAKER_COOLDOWN_MS: '600000' })
      fakes.anthropic.script.always(scenario.behaviour)
      const beforeBreaker: number[] = []
      const afterBreaker: number[] = []
      for (const [i, question] of cacheBenchQuestions.slice(0, 8).entries()) {
        const { result, wallMs } = await ask(runtime, question)
        if (!result.provider.startsWith('openai:')) continue
        ;(i < 3 ? beforeBreaker : afterBreaker).push(wallMs)
      }
      fakes.anthropic.script.reset()
      const before = summarizeLatencies(beforeBreaker)
      const after = summarizeLatencies(afterBreaker)
      report.line(
        `  fallback on ${scenario.name}: answered by OpenAI in p50 ${before.p50} ms (max ${before.max}) while Anthropic was still tried;` +
          ` ${after.p50} ms p50 once the breaker opened (after 3 failures)`,
      )
      report.figure({ figure: 'fallback_latency', cause: scenario.name, llm_timeout_ms: timeoutMs, first_p50_ms: before.p50, first_max_ms: before.max, breaker_open_p50_ms: after.p50, n: before.n + after.n })
      await runtime.close()
      runtime = null
    }
  } finally {
    await runtime?.close()
    await db.dispose()
    fakes.server.close()
  }
  report.memory('gateway')
}
