import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { sparePort } from '../tests/helpers/spare-port.ts'
import type { BenchOptions } from './bench-options.ts'
import { round2 } from './latency-summary.ts'
import { repoRoot } from './paths.ts'
import type { Report } from './report.ts'

const RUNS = 5
const LIVE_TIMEOUT_MS = 120_000
const QUESTION = 'How many vacation days do new hires get?'

/**
 * `--only startup`: what a new user waits for, with the compiled program as
 * `npm start` and the `docuquery` bin run it. `--help` and an `ask` through
 * the running service, each as a ratio to a bare `node -e 0` timed in the same
 * run (medians of 5); the first start on an empty DATA_DIR (migrations
 * included) and a restart, from spawn to `/health/live` answering 200.
 */
export async function startupFigures(_options: BenchOptions, report: Report): Promise<void> {
  report.line(
    `\nS. Start-up (compiled dist/): docuquery --help and docuquery ask through a running service as multiples of a bare node -e 0 (median of ${RUNS} each, same run);` +
      ' first npm start on an empty DATA_DIR and a restart, spawn → /health/live 200 (targets: --help ≤ 5×, ask ≤ 12×, first start ≤ 10 s, restart ≤ 3 s)',
  )
  const main = path.join(repoRoot, 'dist/src/main.js')
  const bin = path.join(repoRoot, 'bin/docuquery.mjs')
  if (!existsSync(main)) {
    const reason = 'dist/ is not built: run npm run build'
    report.line(`  skipped (${reason})`)
    report.figure({ figure: 'startup', skipped: true, reason })
    return
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dq-bench-startup-'))
  const env = { ...process.env, DATA_DIR: dataDir, LOG_FORMAT: 'json', NO_COLOR: '1', DATABASE_URL: '', REDIS_URL: '' }
  let service: ChildProcess | null = null
  try {
    const bare = await medianWall(() => run(process.execPath, ['-e', '0'], env))
    const help = await medianWall(() => run(process.execPath, [bin, '--help'], env))

    const port = await sparePort()
    const serviceEnv = { ...env, PORT: String(port), HOST: '127.0.0.1' }
    const first = await startService(main, serviceEnv, port)
    service = first.child
    await run(process.execPath, [bin, 'ingest', path.join(repoRoot, 'examples')], serviceEnv)
    const ask = await medianWall(() => run(process.execPath, [bin, 'ask', QUESTION], serviceEnv))
    await stopService(service)
    service = null

    const second = await startService(main, serviceEnv, port)
    service = second.child
    await stopService(service)
    service = null

    const figure = {
      figure: 'startup',
      node_e0_ms: round2(bare),
      help_ms: round2(help),
      help_ratio: round2(help / bare),
      ask_ms: round2(ask),
      ask_ratio: round2(ask / bare),
      first_start_ms: round2(first.ms),
      restart_ms: round2(second.ms),
    }
    report.line(
      `  node -e 0 ${figure.node_e0_ms} ms; docuquery --help ${figure.help_ms} ms (${figure.help_ratio}×); docuquery ask via the service ${figure.ask_ms} ms (${figure.ask_ratio}×);` +
        ` first start ${round2(first.ms / 1000)} s, restart ${round2(second.ms / 1000)} s`,
    )
    report.figure(figure)
  } finally {
    if (service) await stopService(service)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function medianWall(once: () => Promise<void>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    await once()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? Number.NaN
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} exited ${code}: ${stderr.slice(-400)}`))))
  })
}

/** Spawns the service and times it until /health/live answers 200. */
async function startService(main: string, env: NodeJS.ProcessEnv, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, [main], { env, cwd: repoRoot, stdio: 'ignore' })
  let exited: number | null = null
  child.on('exit', (code) => {
    exited = code ?? -1
  })
  for (;;) {
    if (exited !== null) throw new Error(`the service exited with code ${exited} before it was live`)
    if (performance.now() - started > LIVE_TIMEOUT_MS) {
      child.kill('SIGKILL')
      throw new Error(`the service was not live after ${LIVE_TIMEOUT_MS} ms`)
    }
    const live = await fetch(`http://127.0.0.1:${port}/health/live`).then(
      (response) => response.status === 200,
      () => false,
    )
    if (live) return { child, ms: performance.now() - started }
    await sleep(20)
  }
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  await Promise.race([exited, sleep(30_000).then(() => child.kill('SIGKILL'))])
  await exited
}
