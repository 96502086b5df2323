import type { WebClient } from '@slack/web-api'

/** Workspace admins and owners may forget anyone's document and see the questions the bot declined. */
export async function isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
  const info = await client.users.info({ user: userId })
  return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner)
}
