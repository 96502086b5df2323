import { describe, expect, it } from 'vitest'
import { parseMarkdown } from './markdown-parser.ts'

describe('parseMarkdown', () => {
  it('takes the title from YAML front matter and strips it', () => {
    const document = parseMarkdown('---\ntitle: "Leave types"\nredirect_from:\n  - /leave/\n---\n\nBody text.')
    expect(document.title).toBe('Leave types')
    expect(document.blocks).toEqual([{ type: 'paragraph', text: 'Body text.' }])
  })

  it('falls back to the first heading for the title', () => {
    expect(parseMarkdown('Intro\n\n## Second level\n').title).toBe('Second level')
  })

  it('turns ATX and setext headings into heading blocks with levels', () => {
    const { blocks } = parseMarkdown('# One #\n\nTwo\n===\n\nThree\n---\n\n###### Six')
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: 'One' },
      { type: 'heading', level: 1, text: 'Two' },
      { type: 'heading', level: 2, text: 'Three' },
      { type: 'heading', level: 6, text: 'Six' },
    ])
  })

  it('strips Liquid tags and comments but keeps the text between them', () => {
    const { blocks } = parseMarkdown('{% alert %}\nBe careful.\n{% endalert %}\n\n{% comment %}secret{% endcomment %}See [this]({% page "x/" %}) and {{ site.name }}.')
    expect(blocks.map((b) => b.text)).toEqual(['Be careful.', 'See this and .'])
  })

  it('renders links, images and emphasis as their text', () => {
    const { blocks } = parseMarkdown('**Bold**, *it*, `code`, [GitHub](https://github.com "t"), ![a duck](d.png), <https://x.org>, snake_case_name, 2 \\* 3')
    expect(blocks[0]?.text).toBe('Bold, it, code, GitHub, a duck, https://x.org, snake_case_name, 2 * 3')
  })

  it('keeps list items and table rows as lines', () => {
    const { blocks } = parseMarkdown('* one\n* two\n  1. nested\n\n| Name | Value |\n|------|------:|\n| a | 1 |\n| b | 2 |')
    expect(blocks.map((b) => b.text)).toEqual(['- one\n- two\n1. nested', 'Name | Value\na | 1\nb | 2'])
  })

  it('keeps code fences as paragraphs, without reading Markdown inside them', () => {
    const { blocks } = parseMarkdown('Before\n\n```js\nconst a = [x](y) // # not a heading\n```\n\nAfter')
    expect(blocks.map((b) => b.text)).toEqual(['Before', 'const a = [x](y) // # not a heading', 'After'])
  })

  it('drops HTML comments, link definitions and thematic breaks', () => {
    const { blocks } = parseMarkdown('Text <!-- hidden -->\n\n***\n\n[ref]: https://example.com\nMore')
    expect(blocks.map((b) => b.text)).toEqual(['Text', 'More'])
  })
})
