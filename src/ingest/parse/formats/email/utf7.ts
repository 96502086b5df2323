import iconv from 'iconv-lite'

// UTF-7 is refused by libmime because it smuggles markup past HTML filters. We only
// index text, never render it, so a text part or subject declared UTF-7 is decoded here.
const DECLARES_UTF7 = /charset\s*=\s*"?(?:utf-7|unicode-1-1-utf-7)\b/i
const UTF7_ENCODED_WORD = /=\?(?:utf-7|unicode-1-1-utf-7)\?/i

export interface Utf7Hints {
  body: boolean
  subject: boolean
}

export function detectUtf7(raw: Buffer): Utf7Hints {
  const text = raw.toString('latin1')
  return { body: DECLARES_UTF7.test(text), subject: UTF7_ENCODED_WORD.test(text) }
}

export function decodeUtf7(text: string): string {
  return iconv.decode(Buffer.from(text, 'latin1'), 'utf7')
}
