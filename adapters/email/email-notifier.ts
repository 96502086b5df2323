/** What the chat adapters need to say "📧 Indexed *Re: vendor contract* from Jane (2 attachments)". */
export interface IndexedEmail {
  workspace: string
  /** The mapped channel (routes with a channel only). */
  channel: string
  documentId: string
  subject: string | null
  from: string | null
  status: 'indexed' | 'failed'
  error: { code: string; message: string } | null
  /** Parts (attachments, forwarded messages) and how many of them were indexed. */
  parts: number
  partsIndexed: number
}

/**
 * The port through which the bot posts in the mapped channel once a forwarded
 * e-mail is indexed. Slack and Discord implement it (slack-email-notifier.ts,
 * discord-email-notifier.ts) and the composition root hands the e-mail adapter
 * the ones that are on; without a chat adapter nothing is announced.
 */
export interface EmailNotifier {
  onIndexed(event: IndexedEmail): Promise<void>
}

export const noopEmailNotifier: EmailNotifier = { onIndexed: async () => {} }

/** One notifier for every chat adapter that is on; each ignores workspaces that are not its platform's. */
export function combineEmailNotifiers(notifiers: ReadonlyArray<EmailNotifier | undefined>): EmailNotifier {
  const on = notifiers.filter((n): n is EmailNotifier => n !== undefined)
  if (on.length === 0) return noopEmailNotifier
  return { onIndexed: async (event) => void (await Promise.all(on.map((n) => n.onIndexed(event)))) }
}

/** "📧 Indexed *Re: vendor contract* from Jane Doe (2 attachments)": the line every chat adapter posts. */
export function describeIndexedEmail(event: IndexedEmail): string {
  const subject = event.subject ?? '(no subject)'
  const from = event.from ? ` from ${event.from.replace(/\s*<[^>]*>$/, '')}` : ''
  if (event.status === 'failed') return `📧 Could not index *${subject}*${from}: ${event.error?.message ?? 'unknown error'}`
  const parts = event.parts === 0 ? '' : ` (${event.parts} attachment${event.parts === 1 ? '' : 's'})`
  return `📧 Indexed *${subject}*${from}${parts}`
}
