import type { TextTokenizer } from './load-onnx-packages.ts'

// A first guess of characters per token when cutting long texts; most tokenizers average 3–5 on English.
const charsPerTokenGuess = 8

/**
 * Token ids of a text with the model's special tokens, cut to `maxLength` the
 * way transformers truncates: the text is shortened, the special tokens around
 * it ([CLS] … [SEP], <s> … </s>) stay. Position embeddings end at the model's
 * length, so a longer input would fail, not just be slow.
 *
 * Tokenizing is the slow part in JavaScript, so only a prefix of a long text
 * is tokenized: cut at whitespace, which no pre-tokenizer joins across, it
 * gives the same first tokens as the whole text.
 */
export function createTokenEncoder(tokenizer: TextTokenizer, maxLength: number): (text: string) => number[] {
  const template = specialTokens(tokenizer)
  const room = Math.max(0, maxLength - template.lead.length - template.trail.length)
  const content = (text: string) => tokenizer.encode(text, { add_special_tokens: false }).ids
  return (text) => {
    let ids: number[] | null = null
    for (let limit = room * charsPerTokenGuess; ids === null; limit *= 4) {
      const prefix = text.length <= limit ? text : prefixAtWhitespace(text, limit)
      // No whitespace to cut at (a long run without spaces): tokenize it whole.
      const tokens = content(prefix ?? text)
      if (prefix === text || prefix === null || tokens.length > room) ids = tokens
    }
    return [...template.lead, ...ids.slice(0, room), ...template.trail]
  }
}

/** The special tokens the tokenizer's template puts before and after a single text. */
function specialTokens(tokenizer: TextTokenizer): { lead: number[]; trail: number[] } {
  const probe = 'a'
  const full = tokenizer.encode(probe).ids
  const inner = tokenizer.encode(probe, { add_special_tokens: false }).ids
  for (let lead = 0; lead + inner.length <= full.length; lead++) {
    if (inner.every((id, i) => full[lead + i] === id)) return { lead: full.slice(0, lead), trail: full.slice(lead + inner.length) }
  }
  return { lead: [], trail: [] }
}

/** The text up to the last whitespace at or before `limit`, or null when the last quarter has none. */
function prefixAtWhitespace(text: string, limit: number): string | null {
  for (let i = limit; i > limit * 0.75; i--) {
    if (/\s/.test(text[i] ?? '')) return text.slice(0, i)
  }
  return null
}
