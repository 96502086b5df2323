import { AppError } from '../platform/app-error.ts'

export interface WorkspaceKey {
  platform: string
  externalId: string
}

const platforms = new Set(['slack', 'discord', 'email'])

/**
 * Workspaces are named `slack:T0123`, `discord:81234`, `email:inbox` by the
 * adapters; anything else (`local`, `handbook`) is a local workspace made by
 * the CLI or the admin API.
 */
export function parseWorkspaceKey(key: string): WorkspaceKey {
  const trimmed = key.trim()
  if (!/^[\w.:@+-]{1,200}$/u.test(trimmed)) {
    throw new AppError('invalid_input', `"${key}" is not a valid workspace name (letters, digits, . _ - : @ + only)`)
  }
  const colon = trimmed.indexOf(':')
  const prefix = colon > 0 ? trimmed.slice(0, colon) : ''
  if (platforms.has(prefix)) return { platform: prefix, externalId: trimmed.slice(colon + 1) }
  return { platform: 'local', externalId: trimmed }
}

export function formatWorkspaceKey(key: WorkspaceKey): string {
  return key.platform === 'local' ? key.externalId : `${key.platform}:${key.externalId}`
}

/** A channel id, or nothing for a question asked in a public place. */
export function parseChannel(channel: string | undefined | null): string | null {
  if (channel === undefined || channel === null || channel.trim() === '') return null
  const trimmed = channel.trim()
  // `workspace` is the visibility marker for workspace-wide documents.
  if (trimmed === 'workspace' || !/^[\w.:@+-]{1,200}$/u.test(trimmed)) {
    throw new AppError('invalid_input', `"${channel}" is not a valid channel id`)
  }
  return trimmed
}
