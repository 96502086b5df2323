import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from './corpus.ts'

export interface ServiceProcess {
  /** Every JSON log line the process wrote so far (pino, on stderr). */
  logs: Array<Record<string, unknown>>
  waitForLog(message: string, timeoutMs?: number): Promise<void>
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** `npm start` as a child process (`node --import tsx src/main.ts`) with the given environment. */
export function spawnService(env: Record<string, string>): ServiceProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const logs: Array<Record<string, unknown>> = []
  let rest = ''
  let text = ''
  const listeners = new Set<() => void>()
  child.stderr?.on('data', (data: Buffer) => {
    text += data.toString()
    rest += data.toString()
    const lines = rest.split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        // Not a log line (a warning from a dependency): kept in `text` only.
      }
    }
    for (const listener of listeners) listener()
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    logs,
    waitForLog(message, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (logs.some((l) => l.msg === message || String(l.msg ?? '').startsWith(message))) {
            listeners.delete(check)
            clearTimeout(timer)
            resolve()
          }
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(new Error(`no "${message}" within ${timeoutMs} ms; output:\n${text.slice(-3000)}`))
        }, timeoutMs)
        listeners.add(check)
        void exited.then((code) => {
          if (!listeners.has(check)) return
          listeners.delete(check)
          clearTimeout(timer)
          reject(new Error(`process exited (${code}) before "${message}"; output:\n${text.slice(-3000)}`))
        })
        check()
      })
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal)
      return await exited
    },
  }
}
