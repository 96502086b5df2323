/** Heuristics that tell e-mail, HTML, Markdown and plain text apart from their first bytes. */

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/
const KNOWN_HEADER = /^(from|to|cc|bcc|subject|date|message-id|mime-version|received|return-path|reply-to|sender|content-type|content-transfer-encoding|delivered-to|in-reply-to|references|x-[\w-]+|dkim-signature|authentication-results|thread-topic|thread-index|importance|user-agent|list-id|arc-[\w-]+)[ \t]*:/i
const STRONG_HEADER = /^(from|subject|date|message-id|mime-version|received|return-path)[ \t]*:/i
const MBOX_FROM = /^From \S+/

export function looksLikeEmail(head: string, hinted: boolean): boolean {
  const lines = head.split(/\r?\n/)
  if (MBOX_FROM.test(lines[0] ?? '')) lines.shift()
  if (!HEADER_LINE.test(lines[0] ?? '')) return false
  if (hinted) return true
  let known = 0
  let strong = 0
  for (const line of lines.slice(0, 300)) {
    if (line.trim() === '') break
    if (KNOWN_HEADER.test(line)) known++
    if (STRONG_HEADER.test(line)) strong++
  }
  return strong >= 1 && known >= 2
}

const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i
const HTML_TAG_NEAR_START = /<(?:html|head|body)[\s>]/i
const ANY_TAG = /<(?:[a-z][a-z0-9]*[\s/>]|!--)/i

export function looksLikeHtml(head: string, hinted: boolean): boolean {
  const start = head.trimStart()
  if (HTML_START.test(start)) return true
  if (start.startsWith('<') && HTML_TAG_NEAR_START.test(start.slice(0, 1024))) return true
  return hinted && ANY_TAG.test(start)
}

const FRONT_MATTER = /^---[ \t]*\r?\n(?:[\w-]+:.*\r?\n|[ \t-].*\r?\n)+---[ \t]*\r?\n/
const ATX_HEADING = /^#{1,6}[ \t]+\S/gm
const INLINE_LINK = /\[[^\]\n]+\]\([^)\s]+\)/

export function looksLikeMarkdown(head: string): boolean {
  if (FRONT_MATTER.test(head)) return true
  const headings = head.match(ATX_HEADING)?.length ?? 0
  return headings >= 2 || (headings >= 1 && INLINE_LINK.test(head))
}

/** Text made only of base64 lines: an attachment encoded twice, not readable text. */
export function looksLikeBase64Blob(head: string): boolean {
  const sample = head.slice(0, 4096).trim()
  return sample.length >= 100 && /^[A-Za-z0-9+/=\r\n]+$/.test(sample) && /[A-Za-z0-9+/]{60,}/.test(sample)
}

/** NUL bytes or many control bytes mean binary; ESC is allowed for ISO-2022-JP. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192)
  let controls = 0
  for (const byte of sample) {
    if (byte === 0) return true
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) || byte === 0x7f) controls++
  }
  return controls / Math.max(1, sample.length) > 0.1
}
