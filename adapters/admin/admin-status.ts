import type { AdapterStatus, Config } from '../../src/index.ts'

/** What start-up (and the console's settings page) says about the admin API and the CLI. */
export function adminStatuses(config: Config, adminUrl: string): AdapterStatus[] {
  return [
    {
      name: 'admin API',
      on: true,
      detail: config.ADMIN_TOKEN
        ? `${adminUrl} (bearer ADMIN_TOKEN)`
        : `${adminUrl} — no ADMIN_TOKEN set, so /api/* answers only clients on this machine`,
    },
    { name: 'CLI', on: true, detail: 'npx docuquery works through this service while it runs' },
  ]
}
