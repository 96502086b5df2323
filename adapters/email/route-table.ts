import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type EmailRoute, type EmailRouter, createEmailRouter, loadEmailRoutes, parseEmailRoutes } from './email-routes.ts'

export interface RouteTable extends EmailRouter {
  list(): EmailRoute[]
  /** Validates, writes the file (atomically) and switches to the new routes; the old ones stay on any error. */
  replace(json: unknown): EmailRoute[]
  /** The file the routes live in. */
  readonly file: string
}

/**
 * The address → scope mapping behind both doors, read from a JSON file and
 * changed through the admin API, which writes the file back so a restart keeps
 * it. Each process reads the file at start: with several web processes, change
 * the file and restart them.
 */
export function createRouteTable(file: string, recipientDomains: readonly string[]): RouteTable {
  let routes = existsSync(file) ? loadEmailRoutes(file) : []
  let router = createEmailRouter(routes, recipientDomains)
  return {
    file,
    get mapped() {
      return router.mapped
    },
    scopeFor: (recipient) => router.scopeFor(recipient),
    list: () => routes.map((route) => ({ ...route })),
    replace(json) {
      const next = parseEmailRoutes(json)
      const nextRouter = createEmailRouter(next, recipientDomains)
      writeAtomically(file, `${JSON.stringify({ routes: next }, null, 2)}\n`)
      routes = next
      router = nextRouter
      return next
    },
  }
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, content)
  renameSync(temporary, file)
}
