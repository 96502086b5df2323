import type { IncomingMessage } from 'node:http'

/** What @hono/node-server puts in `c.env`: the raw request, for the client address. */
export interface AdminBindings {
  incoming?: Pick<IncomingMessage, 'socket'>
}

export type AdminEnv = { Bindings: AdminBindings }
