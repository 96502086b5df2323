import type { TextTokenizer } from './load-onnx-packages.ts'

/**
 * Token ids of a text with the model's special tokens, cut to `maxLength` the
 * way transformers truncates: the text is shortened, the special tokens around
 * it ([CLS] … [SEP], <s> … </s>) stay. Position embeddings end at the model's
 * length, so a longer input would fail, not just be slow.
 */
export function createTokenEncoder(tokenizer: TextTokenizer, maxLength: number): (text: string) => number[] {
  return (text) => {
    const full = tokenizer.encode(text).ids
    if (full.length <= maxLength) return full
    const content = tokenizer.encode(text, { add_special_tokens: false }).ids
    const added = full.length - content.length
    const lead = leadingSpecials(full, content, added)
    const kept = content.slice(0, Math.max(0, maxLength - added))
    return [...full.slice(0, lead), ...kept, ...full.slice(lead + content.length)].slice(0, maxLength)
  }
}

/** How many special tokens the template puts before the text (1 for BERT's [CLS]). */
function leadingSpecials(full: readonly number[], content: readonly number[], added: number): number {
  for (let lead = 0; lead <= added; lead++) {
    let same = true
    for (let i = 0; i < content.length && same; i++) same = full[lead + i] === content[i]
    if (same) return lead
  }
  return 0
}
