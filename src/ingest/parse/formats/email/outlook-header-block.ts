/**
 * Outlook quotes the previous message under a header block instead of "> " marks:
 *
 *   ________________________________
 *   From: Jane <jane@example.com>
 *   Sent: Monday, 3 July 2014 3:50 PM
 *   To: ...
 *
 * In a reply it is quoted history; in a message whose subject says "FW:" it is the
 * forwarded message.
 */
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}\s*$/i
const SEPARATOR = /^\s*_{10,}\s*$/
const FROM = /^\s*\*?(From|Von|De)\s*:\*?\s+\S/i
const SENT = /^\s*\*?(Sent|Date|Gesendet|Envoyé)\s*:\*?\s+\S/i

/** The index of the first line of such a block at or after `from`, or -1. */
export function outlookHeaderBlockStart(lines: readonly string[], from = 0): number {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (ORIGINAL_MESSAGE.test(line)) return i
    if (SEPARATOR.test(line) && FROM.test(lines[i + 1] ?? '')) return i
    if (FROM.test(line) && lines.slice(i + 1, i + 4).some((next) => SENT.test(next))) return i
  }
  return -1
}
