import { convert } from 'html-to-text'
import type { DomNode, FormatCallback, HtmlToTextOptions, SelectorDefinition } from 'html-to-text'
import type { Block } from '../parsed-document.ts'
import { headingBlock, paragraphBlocks } from '../text/text-blocks.ts'

// Private-use markers carry heading levels through html-to-text's plain-text output.
const HEADING_OPEN = '\uE000'
const HEADING_CLOSE = '\uE001'
const HEADING_PARAGRAPH = /^\uE000(\d)\uE001([\s\S]*)$/
const STRAY_MARKERS = /\uE000\d?\uE001?|\uE001/g

// Elements that are page chrome, not content; the class names are MediaWiki's.
const SKIPPED = [
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'img', 'hr',
  'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'input', 'textarea',
  '.navbox', '.vertical-navbox', '.navbox-styles', '.reflist', '.references', '.mw-references-wrap',
  '.mw-editsection', '.reference', '.noprint', '.catlinks', '.toc', '#toc', '.mw-jump-link',
  '.printfooter', '.mw-authority-control', '.sistersitebox', '.metadata', '.mw-indicators',
  '#siteSub', '#contentSub', '#jump-to-nav',
  // mammoth's "↑" links from a footnote back to its reference
  'a[href^="#footnote-ref"]', 'a[href^="#endnote-ref"]',
]

// Candidates for "the main content", most specific first; the first one present wins.
const MAIN_CONTENT = [
  { selector: '#mw-content-text', present: /\bid=["']?mw-content-text\b/i },
  { selector: 'main', present: /<main[\s>]/i },
  { selector: 'article', present: /<article[\s>]/i },
  { selector: '[role=main]', present: /\brole=["']?main\b/i },
]

const markedHeading: FormatCallback = (elem, walk, builder, formatOptions) => {
  const level = typeof formatOptions['level'] === 'number' ? formatOptions['level'] : 1
  builder.openBlock({ leadingLineBreaks: 2 })
  builder.addLiteral(`${HEADING_OPEN}${level}${HEADING_CLOSE}`)
  walk(elem.children, builder)
  builder.closeBlock({ trailingLineBreaks: 2 })
}

/** Tables become one line per row with cells separated by " | ", which reads well in a chunk. */
const pipeTable: FormatCallback = (elem, walk, builder) => {
  builder.openTable()
  const visit = (node: DomNode): void => {
    if (node.type !== 'tag') return
    if (node.name === 'tr') {
      builder.openTableRow()
      for (const cell of node.children) {
        if (cell.type !== 'tag' || (cell.name !== 'td' && cell.name !== 'th')) continue
        builder.openTableCell()
        walk(cell.children, builder)
        builder.closeTableCell()
      }
      builder.closeTableRow()
    } else if (node.name === 'thead' || node.name === 'tbody' || node.name === 'tfoot') {
      node.children.forEach(visit)
    }
  }
  elem.children.forEach(visit)
  builder.closeTable({
    tableToString: (rows) =>
      rows
        .map((row) => row.map((cell) => cell.text.replace(/\s*\n\s*/g, ' ').trim()).filter((text) => text !== '').join(' | '))
        .filter((line) => line !== '')
        .join('\n'),
    leadingLineBreaks: 2,
    trailingLineBreaks: 2,
  })
}

function buildOptions(html: string, preferMainContent: boolean): HtmlToTextOptions {
  const selectors: SelectorDefinition[] = [
    ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
    ...[1, 2, 3, 4, 5, 6].map((level) => ({ selector: `h${level}`, format: 'markedHeading', options: { level } })),
    { selector: 'table', format: 'pipeTable' },
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'blockquote', format: 'block' },
    { selector: 'ul', options: { itemPrefix: '- ' } },
  ]
  const main = preferMainContent ? MAIN_CONTENT.find((candidate) => candidate.present.test(html)) : undefined
  return {
    wordwrap: false,
    formatters: { markedHeading, pipeTable },
    selectors,
    ...(main ? { baseElements: { selectors: [main.selector], returnDomByDefault: true } } : {}),
  }
}

/** HTML to plain text with the same rules as htmlToBlocks, headings unmarked. */
export function htmlToPlainText(html: string): string {
  return convert(stripMarkers(html), buildOptions(html, false)).replace(STRAY_MARKERS, '')
}

export interface HtmlToBlocksOptions {
  /** Keep only the main content (saved web pages); off for e-mail and DOCX HTML. */
  preferMainContent?: boolean
}

export function htmlToBlocks(html: string, options: HtmlToBlocksOptions = {}): Block[] {
  const text = convert(stripMarkers(html), buildOptions(html, options.preferMainContent ?? false))
  const blocks: Block[] = []
  for (const paragraph of text.split(/\n\s*\n/)) {
    const heading = HEADING_PARAGRAPH.exec(paragraph.trim())
    if (heading) {
      const block = headingBlock(Number(heading[1]), (heading[2] ?? '').replace(STRAY_MARKERS, ''))
      if (block) blocks.push(block)
    } else {
      blocks.push(...paragraphBlocks(paragraph.replace(STRAY_MARKERS, '')))
    }
  }
  return blocks
}

/** The document's <title>, decoded, or null. */
export function htmlTitle(html: string): string | null {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html.slice(0, 200_000))
  if (!match?.[1]) return null
  const title = convert(match[1], { wordwrap: false }).replace(/\s+/g, ' ').trim()
  return title === '' ? null : title
}

function stripMarkers(html: string): string {
  return html.replace(/[\uE000\uE001]/g, '')
}
