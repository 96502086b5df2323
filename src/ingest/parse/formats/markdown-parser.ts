import type { Block, ParsedDocument } from '../parsed-document.ts'
import { normalizeText } from '../text/normalize-text.ts'
import { firstHeading, headingBlock } from '../text/text-blocks.ts'
import { markdownInlineToText } from './markdown-inline.ts'

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/
const LIQUID_COMMENT = /\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g
const LIQUID_TAG = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g
const HTML_COMMENT = /<!--[\s\S]*?-->/g

const FENCE = /^\s{0,3}(`{3,}|~{3,})/
const ATX_HEADING = /^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const SETEXT_1 = /^\s{0,3}=+[ \t]*$/
const SETEXT_2 = /^\s{0,3}-+[ \t]*$/
const THEMATIC_BREAK = /^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const LIST_ITEM = /^\s*(?:[-*+]|(\d{1,9}[.)]))[ \t]+(.*)$/
const TABLE_ROW = /^\s*\|(.*)\|?\s*$/
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/
const BLOCKQUOTE = /^\s{0,3}>[ \t]?/
const LINK_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S+/

export function parseMarkdown(source: string): ParsedDocument {
  const { body, title } = splitFrontMatter(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
  const cleaned = body.replace(LIQUID_COMMENT, '').replace(LIQUID_TAG, '').replace(HTML_COMMENT, '')
  const blocks = markdownToBlocks(cleaned)
  return {
    kind: 'markdown',
    mimeType: 'text/markdown',
    title: title ?? firstHeading(blocks),
    pages: null,
    blocks,
    parts: [],
    email: null,
  }
}

function splitFrontMatter(text: string): { body: string; title: string | null } {
  const match = FRONT_MATTER.exec(text)
  if (!match) return { body: text, title: null }
  const titleLine = /^title:[ \t]*(.+)$/m.exec(match[1] ?? '')
  const title = titleLine?.[1] ? normalizeText(titleLine[1].replace(/^(["'])(.*)\1$/, '$2')) : null
  return { body: text.slice(match[0].length), title: title === '' ? null : title }
}

function markdownToBlocks(text: string): Block[] {
  const blocks: Block[] = []
  const lines = text.split('\n')
  let paragraph: string[] = []

  const flush = (): void => {
    const joined = normalizeText(paragraph.join('\n'))
    if (joined !== '') blocks.push({ type: 'paragraph', text: joined })
    paragraph = []
  }
  const pushHeading = (level: number, raw: string): void => {
    const block = headingBlock(level, markdownInlineToText(raw))
    if (block) blocks.push(block)
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const fence = FENCE.exec(line)
    if (fence?.[1]) {
      flush()
      const marker = fence[1]
      const code: string[] = []
      for (i++; i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker); i++) code.push(lines[i] ?? '')
      paragraph = code
      flush()
      continue
    }
    if (line.trim() === '') {
      flush()
      continue
    }
    const atx = ATX_HEADING.exec(line)
    if (atx?.[1]) {
      flush()
      pushHeading(atx[1].length, atx[2] ?? '')
      continue
    }
    if (paragraph.length > 0 && (SETEXT_1.test(line) || SETEXT_2.test(line))) {
      const raw = paragraph.join(' ')
      paragraph = []
      pushHeading(SETEXT_1.test(line) ? 1 : 2, raw)
      continue
    }
    if (THEMATIC_BREAK.test(line)) {
      flush()
      continue
    }
    if (LINK_DEFINITION.test(line) || (TABLE_SEPARATOR.test(line) && line.includes('|'))) continue
    paragraph.push(renderLine(line.replace(BLOCKQUOTE, '')))
  }
  flush()
  return blocks
}

/** Lists stay one item per line, table rows become "a | b"; other lines are prose. */
function renderLine(line: string): string {
  const item = LIST_ITEM.exec(line)
  if (item) {
    const marker = item[1] ? `${item[1]} ` : '- '
    return marker + markdownInlineToText(item[2] ?? '')
  }
  const row = TABLE_ROW.exec(line)
  if (row) {
    return (row[1] ?? '')
      .replace(/\|\s*$/, '')
      .split(/(?<!\\)\|/)
      .map((cell) => markdownInlineToText(cell.trim()))
      .filter((cell) => cell !== '')
      .join(' | ')
  }
  return markdownInlineToText(line)
}
