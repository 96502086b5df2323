/**
 * Bot scopes, and why each is needed. `slack/manifest.yml` lists the same ones
 * (a test keeps them in step); the OAuth install asks for exactly these.
 */
export const botScopes = {
  'app_mentions:read': 'hear @DocuQuery questions',
  'channels:history': 'see files shared in public channels it is in',
  'groups:history': 'see files shared in private channels it is in',
  'im:history': 'see questions and files in direct messages',
  'mpim:history': 'see files shared in group DMs',
  'channels:read': 'tell public channels (workspace-visible documents) from private ones',
  'groups:read': 'the same, for private channels',
  'im:read': 'the same, for DMs',
  'mpim:read': 'the same, for group DMs',
  'chat:write': 'answer in threads, report indexed files, AI-app status and native streaming',
  'files:read': 'download shared files to index them',
  'reactions:write': '👀 ⏳ ✅ ❌ on messages',
  commands: '/docuquery and the message shortcut “Ask DocuQuery about this message”',
  'im:write': 'answer a shortcut by DM when the bot is not in the channel',
  'assistant:write': 'the AI-app thread: suggested prompts and “Searching … documents” status',
  'users:read': 'let workspace admins use /docuquery forget',
} as const

export const botScopeList = Object.keys(botScopes)
