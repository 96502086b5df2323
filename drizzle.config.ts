import { defineConfig } from 'drizzle-kit'

// Migrations are generated from the core's schema and the adapters' own tables, and committed; both PGlite and
// PostgreSQL apply the same SQL files at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/store/db/schema.ts', './adapters/slack/slack-schema.ts'],
  out: './migrations',
})
