import { simpleParser } from 'mailparser'
import type { ParsedMail } from 'mailparser'
import { AppError } from '../../../../platform/app-error.ts'
import type { Block, ParsedDocument, ParsedPart } from '../../parsed-document.ts'
import { countVisibleChars, normalizeText } from '../../text/normalize-text.ts'
import { paragraphBlocks } from '../../text/text-blocks.ts'
import { htmlToPlainText } from '../html-to-blocks.ts'
import { contentAttachments } from './email-attachments.ts'
import { emailMeta, headerParagraph } from './email-meta.ts'
import { structureLines } from './email-structure.ts'
import { forwardedFilename, synthesizeMessage } from './synthesize-message.ts'
import { splitForwarded } from './forwarded-block.ts'
import { fixRawMessage } from './raw-message-fixes.ts'
import { trimReplyNoise } from './reply-noise.ts'
import { decodeUtf7, detectUtf7 } from './utf7.ts'

const FORWARD_SUBJECT = /^\s*(fwd?|fw|wg|tr|rv)\s*:/i

/**
 * An e-mail becomes a header paragraph plus its own text; attachments and an
 * inline forwarded message become parts that ingest parses as documents of their
 * own. A message with no text and no parts is `empty`.
 */
export async function parseEmail(bytes: Uint8Array): Promise<ParsedDocument> {
  const raw = fixRawMessage(bytes)
  const mail = await parseMime(raw)
  const utf7 = detectUtf7(raw)

  const rawSubject = mail.subject ? normalizeText(utf7.subject ? decodeUtf7(mail.subject) : mail.subject) : ''
  const subject = rawSubject === '' ? null : rawSubject
  const meta = emailMeta(mail, subject)
  const html = typeof mail.html === 'string' ? mail.html : ''

  let text = mail.text ?? ''
  if (text.trim() === '' && html !== '') text = htmlToPlainText(html)
  else if (utf7.body) text = decodeUtf7(text)

  const { body, forwarded } = splitForwarded(text, { subjectSaysForward: FORWARD_SUBJECT.test(subject ?? '') })
  const bodyBlocks = paragraphBlocks(trimReplyNoise(body))
  const parts: ParsedPart[] = []
  if (forwarded) {
    parts.push({ filename: forwardedFilename(forwarded), mimeType: 'message/rfc822', bytes: synthesizeMessage(forwarded) })
  }
  parts.push(...contentAttachments(mail.attachments, html))

  const bodyChars = bodyBlocks.reduce((sum, block) => sum + countVisibleChars(block.text), 0)
  if (bodyChars === 0 && parts.length === 0) {
    throw new AppError('empty', 'the e-mail has no text and no attachments')
  }
  const header = [headerParagraph(meta), ...structureLines(parts, raw)].filter((line) => line !== '').join('\n')
  const blocks: Block[] = header === '' ? bodyBlocks : [{ type: 'paragraph', text: header }, ...bodyBlocks]
  return { kind: 'email', mimeType: 'message/rfc822', title: subject, pages: null, blocks, parts, email: meta }
}

async function parseMime(raw: Buffer): Promise<ParsedMail> {
  try {
    return await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true })
  } catch (cause) {
    throw new AppError('parse_failed', 'it is not a readable e-mail message', { cause })
  }
}
