import type { AddressObject, ParsedMail } from 'mailparser'
import type { EmailMeta } from '../../parsed-document.ts'
import { normalizeText } from '../../text/normalize-text.ts'

// Dates outside this range are broken headers (the corpus has a spam dated 3609).
const EARLIEST_DATE = Date.UTC(1970, 0, 1)
const LATEST_DATE_SLACK_MS = 2 * 24 * 60 * 60 * 1000

export function emailMeta(mail: ParsedMail, subject: string | null): EmailMeta {
  return {
    subject,
    from: formatFrom(mail.from),
    date: isoDate(mail.date),
    messageId: mail.messageId?.trim() || null,
  }
}

/** "Name <address>", or the bare address when there is no name. */
function formatFrom(from: AddressObject | undefined): string | null {
  const first = from?.value[0]
  if (!first) return null
  const name = normalizeText(first.name ?? '')
  const address = first.address?.trim() ?? ''
  if (name && address) return `${name} <${address}>`
  return name || address || null
}

function isoDate(date: Date | undefined): string | null {
  if (!date) return null
  const time = date.getTime()
  if (Number.isNaN(time) || time < EARLIEST_DATE || time > Date.now() + LATEST_DATE_SLACK_MS) return null
  return date.toISOString()
}

export function headerParagraph(meta: EmailMeta): string {
  const lines: string[] = []
  if (meta.from) lines.push(`From: ${meta.from}`)
  if (meta.date) lines.push(`Date: ${meta.date}`)
  if (meta.subject) lines.push(`Subject: ${meta.subject}`)
  return lines.join('\n')
}
