import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { AnswerCacheStats } from './cache/answer-cache.ts'
import { registerAnswerCacheMetrics } from './cache/cache-metrics.ts'

export interface MetricsSource {
  documentCounts(): Promise<Record<string, number>>
  answerCache?: () => Promise<AnswerCacheStats>
  /** 👍/👎 on answers, read from the query log at scrape time (so every process reports the fleet's). */
  feedbackCounts?: () => Promise<{ helpful: number; notHelpful: number }>
}

/** One registry per process, built by the composition root (never prom-client's global one). */
export function createMetrics(source: MetricsSource) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'docuquery_' })
  const httpRequests = new Counter({
    name: 'docuquery_http_requests_total',
    help: 'Admin API requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const askDuration = new Histogram({
    name: 'docuquery_ask_duration_seconds',
    help: 'Time to answer a question',
    labelNames: ['grounded', 'provider'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const emailMessages = new Counter({
    name: 'docuquery_email_messages_total',
    help: 'Inbound e-mail by door (smtp, http) and outcome (accepted, duplicate, refused_<reason>)',
    labelNames: ['via', 'outcome'] as const,
    registers: [registry],
  })
  if (source.answerCache) registerAnswerCacheMetrics(registry, source.answerCache)
  new Gauge({
    name: 'docuquery_documents',
    help: 'Documents by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await source.documentCounts()
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count)
    },
  })
  const feedbackCounts = source.feedbackCounts
  if (feedbackCounts) {
    new Gauge({
      name: 'docuquery_answer_feedback',
      help: 'Answers marked helpful or not helpful (latest click per answer)',
      labelNames: ['feedback'] as const,
      registers: [registry],
      async collect() {
        const counts = await feedbackCounts()
        this.set({ feedback: 'helpful' }, counts.helpful)
        this.set({ feedback: 'not_helpful' }, counts.notHelpful)
      },
    })
  }
  return { registry, httpRequests, askDuration, emailMessages }
}

export type Metrics = ReturnType<typeof createMetrics>
