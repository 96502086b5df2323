import { defineConfig } from 'drizzle-kit'

// Migrations are generated from src/store/db/schema.ts and committed; both PGlite and
// PostgreSQL apply the same SQL files at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/db/schema.ts',
  out: './migrations',
})
