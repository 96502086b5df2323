import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AdminEnv } from '../admin-env.ts'

export const specInfo = {
  openapi: '3.1.0',
  info: {
    title: 'DocuQuery admin API',
    version: '1',
    description:
      'The admin API of DocuQuery. Every /api route needs `Authorization: Bearer <ADMIN_TOKEN>`; without ADMIN_TOKEN it answers only clients on the same machine. Errors are always `{ "error": { "code", "message" } }`.',
  },
}

/** `GET /openapi.json` (no token): written from the routes' own zod schemas, so it cannot drift from them. */
export function serveSpec(app: OpenAPIHono<AdminEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN',
  })
  app.doc31('/openapi.json', specInfo)
}
