/**
 * pdf-parse gives one line per text row and no paragraph marks. Paragraphs are
 * rebuilt from the shape of the lines: a short line that ends a sentence closes
 * a paragraph, as does an empty line; very long runs are cut at a sentence end.
 */

const SENTENCE_END = /[.!?:;。．！？︒"”’)\]]$/u
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFE10-\uFE1F\uFE30-\uFE4F\uFF00-\uFFEF]/u
const SOFT_TARGET = 1500
const HARD_LIMIT = 4000

export function pageTextToParagraphs(pageText: string): string[] {
  const lines = pageText.split('\n').map((line) => line.replace(/\t+/g, ' ').trim())
  const typical = typicalLineLength(lines)
  const paragraphs: string[] = []
  let current = ''

  const flush = (): void => {
    if (current !== '') paragraphs.push(current)
    current = ''
  }

  for (const line of lines) {
    if (line === '') {
      flush()
      continue
    }
    current = current === '' ? line : joinLines(current, line)
    const endsSentence = SENTENCE_END.test(line)
    const isShort = line.length < typical * 0.75
    if ((endsSentence && isShort) || (endsSentence && current.length > SOFT_TARGET) || current.length > HARD_LIMIT) {
      flush()
    }
  }
  flush()
  return paragraphs
}

function typicalLineLength(lines: readonly string[]): number {
  const lengths = lines.filter((line) => line !== '').map((line) => line.length).sort((a, b) => a - b)
  return lengths[Math.floor(lengths.length * 0.75)] ?? 0
}

function joinLines(previous: string, next: string): string {
  // "exam-" + "ple" is one hyphenated word; "Just-in-" + "Time" keeps its hyphen.
  if (/\p{Ll}-$/u.test(previous) && /^\p{Ll}/u.test(next)) return previous.slice(0, -1) + next
  if (/\p{L}-$/u.test(previous)) return previous + next
  const last = previous.at(-1) ?? ''
  const first = next[0] ?? ''
  if (CJK.test(last) && CJK.test(first)) return previous + next
  return `${previous} ${next}`
}
