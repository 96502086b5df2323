import { isAppError, loadConfig } from '../../src/index.ts'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REST, Routes } from 'discord.js'
import { commandDefinitions } from './slash-commands.ts'

export interface RegisterOptions {
  token: string
  apiUrl?: string
  /** Found from the token (GET /applications/@me) when not given. */
  applicationId?: string
  /** Register in this guild only (instant) instead of globally (can take a while to show). */
  guildId?: string
}

/** PUTs the slash command definitions; returns where they went and their names. */
export async function registerCommands(options: RegisterOptions): Promise<{ scope: string; names: string[] }> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}).setToken(options.token)
  const applicationId = options.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id
  const route = options.guildId
    ? Routes.applicationGuildCommands(applicationId, options.guildId)
    : Routes.applicationCommands(applicationId)
  const saved = (await rest.put(route, { body: commandDefinitions() })) as Array<{ name: string }>
  return { scope: options.guildId ? `guild ${options.guildId}` : 'global', names: saved.map((c) => c.name) }
}

/** `npm run discord:register`: reads DISCORD_TOKEN (and friends) from the environment or .env. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, join(process.cwd(), '.env'))
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set (see README, "Discord")')
  const result = await registerCommands({
    token: config.DISCORD_TOKEN,
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    ...(config.DISCORD_APPLICATION_ID ? { applicationId: config.DISCORD_APPLICATION_ID } : {}),
    ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
  })
  process.stdout.write(
    `Registered /${result.names.join(', /')} (${result.scope}).${result.scope === 'global' ? ' Global commands can take a few minutes to appear everywhere; DISCORD_GUILD_ID registers in one server at once.' : ''}\n`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`discord:register: ${isAppError(error) || error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
