import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'eval/**/*.test.ts', 'adapters/**/*.test.ts', 'prompts/**/*.test.ts', 'tests/**/*.test.ts'],
    // Generous: on a 2-core machine shared with other builds, a CLI test that parses PDFs can take minutes.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Integration tests each open their own databases; two cores, two forks.
    maxWorkers: 2,
  },
})
