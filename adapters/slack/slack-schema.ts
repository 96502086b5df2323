import { documents } from '../../src/index.ts'
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

// The Slack adapter's own tables. drizzle-kit reads this module with the core's
// schema (drizzle.config.ts), so they are migrated with everything else.

/** Slack OAuth installations (one per team or enterprise install): Bolt's installation store. */
export const slackInstallations = pgTable('slack_installations', {
  /** `T0123`, or `E0123` for an org-wide install. */
  installKey: text('install_key').primaryKey(),
  teamId: text('team_id'),
  enterpriseId: text('enterprise_id'),
  isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
  botToken: text('bot_token'),
  botUserId: text('bot_user_id'),
  botId: text('bot_id'),
  /** The whole Installation object as Bolt gave it. */
  installation: jsonb('installation').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Which Slack files carry which document: `file_deleted` names only a file id,
 * and an edited version re-shared under the same name replaces the document.
 */
export const slackFiles = pgTable(
  'slack_files',
  {
    teamId: text('team_id').notNull(),
    fileId: text('file_id').notNull(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    channelId: text('channel_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.fileId] }), index('slack_files_document_idx').on(t.documentId)],
)
