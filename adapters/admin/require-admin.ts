import { AppError } from '../../src/index.ts'
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AdminEnv } from './admin-env.ts'

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * With ADMIN_TOKEN set: a bearer token, compared in constant time. Without
 * one: only clients on this machine, so `npm start` and the CLI work out of
 * the box without exposing the API to the network.
 */
export function requireAdmin(token: string | undefined): MiddlewareHandler<AdminEnv> {
  const expected = token ? digest(token) : null
  return async (c, next) => {
    if (expected) {
      const given = digest(bearerToken(c.req.header('authorization')))
      if (!timingSafeEqual(given, expected)) throw new AppError('unauthorized', 'A valid admin token is required (Authorization: Bearer <ADMIN_TOKEN>).')
      return await next()
    }
    const address = c.env?.incoming?.socket.remoteAddress
    if (!address || !loopback.has(address)) {
      throw new AppError('unauthorized', 'Set ADMIN_TOKEN to use the admin API from another machine.')
    }
    return await next()
  }
}

// RFC 9110 §11.1: the auth scheme is case-insensitive ("bearer", "BEARER").
const bearerPattern = /^bearer[ \t]+(.+)$/i

/** The token of an `Authorization: Bearer …` header, or '' (which never matches a digest of a real token). */
export function bearerToken(header: string | undefined): string {
  return bearerPattern.exec(header?.trim() ?? '')?.[1]?.trim() ?? ''
}

// Comparing fixed-length digests keeps the comparison constant-time even when lengths differ.
const digest = (value: string): Buffer => createHash('sha256').update(value).digest()
