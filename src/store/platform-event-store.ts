import { lt } from 'drizzle-orm'
import type { Orm } from './db/database.ts'
import { platformEvents } from './db/schema.ts'

/**
 * Records that a platform event (a Slack event id, a Discord message or
 * interaction id) is being handled. True the first time only, so a redelivered
 * or duplicated event is answered once, even across processes.
 */
export async function claimPlatformEvent(orm: Orm, platform: string, eventId: string): Promise<boolean> {
  const rows = await orm
    .insert(platformEvents)
    .values({ platform, eventId })
    .onConflictDoNothing()
    .returning({ eventId: platformEvents.eventId })
  return rows.length > 0
}

/**
 * Platforms redeliver within minutes (Slack retries three times over about an
 * hour at most), so old claims only take space: they are removed after a week.
 */
export async function forgetPlatformEventsBefore(orm: Orm, cutoff: Date): Promise<number> {
  const rows = await orm.delete(platformEvents).where(lt(platformEvents.receivedAt, cutoff)).returning({ eventId: platformEvents.eventId })
  return rows.length
}
