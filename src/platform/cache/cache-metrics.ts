import { Counter, type Registry } from 'prom-client'
import type { AnswerCacheStats } from './answer-cache.ts'

/** Answer cache counters, read from the cache's own stats at each scrape. */
export function registerAnswerCacheMetrics(registry: Registry, stats: () => Promise<AnswerCacheStats>): void {
  new Counter({
    name: 'docuquery_answer_cache_lookups_total',
    help: 'Answer cache lookups: hit, miss, or bypassed (cache unreachable; the question was answered without it)',
    labelNames: ['result'] as const,
    registers: [registry],
    async collect() {
      const s = await stats()
      this.reset()
      this.inc({ result: 'hit' }, s.hits)
      this.inc({ result: 'miss' }, s.misses)
      this.inc({ result: 'bypassed' }, s.bypassed)
    },
  })
  new Counter({
    name: 'docuquery_answer_cache_tokens_saved_total',
    help: 'Provider tokens (in + out) not spent because the answer came from the cache',
    registers: [registry],
    async collect() {
      const s = await stats()
      this.reset()
      this.inc(s.tokensSaved)
    },
  })
}
