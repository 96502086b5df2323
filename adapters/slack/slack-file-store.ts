import type { Orm } from '../../src/index.ts'
import { and, eq, ne } from 'drizzle-orm'
import { slackFiles } from './slack-schema.ts'

/** Which Slack files carry which document (file_deleted names only the file id). */
export function createSlackFileStore(orm: Orm) {
  return {
    /**
     * Records that `fileId` carries `documentId`. A new version replaces the
     * document's content, so older files no longer stand for it: deleting them
     * later must not forget the new version.
     */
    async link(teamId: string, fileId: string, documentId: string, channelId: string, replacedOlder: boolean): Promise<void> {
      if (replacedOlder) {
        await orm.delete(slackFiles).where(and(eq(slackFiles.documentId, documentId), ne(slackFiles.fileId, fileId)))
      }
      await orm
        .insert(slackFiles)
        .values({ teamId, fileId, documentId, channelId })
        .onConflictDoUpdate({ target: [slackFiles.teamId, slackFiles.fileId], set: { documentId, channelId } })
    },

    /** Forgets the file; returns documents no other Slack file carries any more. */
    async unlink(teamId: string, fileId: string): Promise<string[]> {
      const removed = await orm
        .delete(slackFiles)
        .where(and(eq(slackFiles.teamId, teamId), eq(slackFiles.fileId, fileId)))
        .returning({ documentId: slackFiles.documentId })
      const orphans: string[] = []
      for (const { documentId } of removed) {
        const others = await orm.select({ fileId: slackFiles.fileId }).from(slackFiles).where(eq(slackFiles.documentId, documentId)).limit(1)
        if (others.length === 0) orphans.push(documentId)
      }
      return orphans
    },
  }
}

export type SlackFileStore = ReturnType<typeof createSlackFileStore>
