/**
 * The SDKs keep the `fetch` they find when a client is built. Looking it up
 * at each call instead means whatever wraps the global fetch later (HTTP
 * proxies' agents, tracing, msw in tests) sees provider calls too.
 */
export const lateFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)
