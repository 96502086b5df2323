import type { InboundVia } from './receive-email.ts'

export type EmailOutcome =
  | 'accepted'
  | 'duplicate'
  | 'refused_sender'
  | 'refused_recipient'
  | 'refused_size'
  | 'refused_malformed'
  | 'refused_unauthenticated'
  | 'refused_auth_unavailable'
  | 'refused_temporary'

/** Counts what happened to each message (Prometheus in the service; anything in tests). */
export interface EmailCounters {
  count(via: InboundVia, outcome: EmailOutcome): void
}

export const noopEmailCounters: EmailCounters = { count: () => {} }
