// Sentence ends: . ! ? (and CJK full stops) followed by space and an upper-case
// letter, digit, quote or bracket. Abbreviations like "e.g." are the common
// false positive, so they are kept whole.
const abbreviations = /\b(?:e\.g|i\.e|etc|vs|cf|al|fig|no|dr|mr|mrs|ms|prof|inc|ltd|jr|sr|st|approx|sec|vol)\.$/i

// "1." or "b)" alone opens a list item ("1. Wear sunglasses"); it ends nothing.
const listMarker = /(?:^|:)\s*\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]$/i

export function splitSentences(text: string): string[] {
  const sentences: string[] = []
  const pattern = /[.!?。！？]+["')\]]*(?:\[\d{1,3}\])*(?=\s+["'(\[]?[\p{Lu}\p{N}])|[。！？]/gu
  let start = 0
  for (const match of text.matchAll(pattern)) {
    const end = (match.index ?? 0) + match[0].length
    const candidate = text.slice(start, end)
    if (abbreviations.test(candidate) || listMarker.test(candidate)) continue
    const trimmed = candidate.trim()
    if (trimmed) sentences.push(trimmed)
    start = end
  }
  const rest = text.slice(start).trim()
  if (rest) sentences.push(rest)
  return sentences
}
