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
 * e-mail is indexed. Slack and Discord implement it (adapters/slack,
 * adapters/discord) and the composition root hands one to the e-mail adapter;
 * until then it is the no-op below.
 */
export interface EmailNotifier {
  onIndexed(event: IndexedEmail): Promise<void>
}

export const noopEmailNotifier: EmailNotifier = { onIndexed: async () => {} }

/** "📧 Indexed *Re: vendor contract* from Jane Doe (2 attachments)": the line every chat adapter posts. */
export function describeIndexedEmail(event: IndexedEmail): string {
  const subject = event.subject ?? '(no subject)'
  const from = event.from ? ` from ${event.from.replace(/\s*<[^>]*>$/, '')}` : ''
  if (event.status === 'failed') return `📧 Could not index *${subject}*${from}: ${event.error?.message ?? 'unknown error'}`
  const parts = event.parts === 0 ? '' : ` (${event.parts} attachment${event.parts === 1 ? '' : 's'})`
  return `📧 Indexed *${subject}*${from}${parts}`
}
