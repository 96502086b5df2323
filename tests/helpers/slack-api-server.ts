import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse } from 'msw'
import { type SlackFake, createSlackFake } from './slack-kit.ts'

export interface SlackApiServer {
  fake: SlackFake
  /** What SLACK_API_URL is set to in the child processes. */
  apiUrl: string
  close(): Promise<void>
}

/**
 * The same Slack Web API fake the in-process tests intercept with msw, served
 * on a loopback port: child processes (several web roles) cannot be
 * intercepted, so they are pointed at it with SLACK_API_URL and every call
 * they make is recorded in one place.
 */
export async function startSlackApiServer(): Promise<SlackApiServer> {
  let fake: SlackFake | null = null
  const server = createServer((req, res) => {
    void answer(req, res).catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
    const request = new Request(`${apiBase}${req.url?.replace(/^\/api\//, '') ?? ''}`, {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    })
    const response = fake ? await getResponse(fake.handlers, request) : undefined
    if (!response) {
      // Like onUnhandledRequest: 'error', a call the fake does not know fails loudly.
      res.statusCode = 501
      res.end(`no fake for ${req.method} ${req.url}`)
      return
    }
    res.statusCode = response.status
    response.headers.forEach((value, name) => res.setHeader(name, value))
    res.end(Buffer.from(await response.arrayBuffer()))
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`
  fake = createSlackFake(apiBase)
  return {
    fake,
    apiUrl: apiBase,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
