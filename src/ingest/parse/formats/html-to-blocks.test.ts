import { describe, expect, it } from 'vitest'
import { htmlTitle, htmlToBlocks, htmlToPlainText } from './html-to-blocks.ts'

describe('htmlToBlocks', () => {
  it('keeps headings with their levels and paragraphs', () => {
    const blocks = htmlToBlocks('<h1>Title</h1><p>First <b>bold</b> para.</p><h3>Sub</h3><p>Second</p>')
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'First bold para.' },
      { type: 'heading', level: 3, text: 'Sub' },
      { type: 'paragraph', text: 'Second' },
    ])
  })

  it('drops scripts, styles, navigation, headers, footers, asides and forms', () => {
    const html = '<header>Site</header><nav>Menu</nav><style>p{}</style><script>x()</script><main><p>Content</p></main><aside>Ad</aside><form>Login</form><footer>©</footer>'
    expect(htmlToBlocks(html).map((b) => b.text)).toEqual(['Content'])
  })

  it('renders tables as rows with cells separated by " | "', () => {
    const html = '<table><thead><tr><th>Region</th><th>Q1</th></tr></thead><tbody><tr><td><p>USA</p></td><td>$150</td></tr></tbody></table>'
    expect(htmlToBlocks(html)).toEqual([{ type: 'paragraph', text: 'Region | Q1\nUSA | $150' }])
  })

  it('renders links as their text and lists as lines', () => {
    expect(htmlToBlocks('<ul><li><a href="https://x.org">One</a></li><li>Two</li></ul>')[0]?.text).toBe('- One\n- Two')
  })

  it('prefers the main content of a saved Wikipedia page and drops its noise', () => {
    const html =
      '<html><body><div id="mw-navigation">Navigation menu</div><div id="mw-content-text"><p>Article text<sup class="reference">[1]</sup>.</p>' +
      '<h2>History<span class="mw-editsection">[edit]</span></h2><div class="navbox">Related articles</div>' +
      '<div class="reflist"><ol><li>A cited book</li></ol></div></div></body></html>'
    const blocks = htmlToBlocks(html, { preferMainContent: true })
    expect(blocks).toEqual([
      { type: 'paragraph', text: 'Article text.' },
      { type: 'heading', level: 2, text: 'History' },
    ])
  })

  it('uses the whole page when no main content element exists', () => {
    expect(htmlToBlocks('<div>Only div</div>', { preferMainContent: true })[0]?.text).toBe('Only div')
  })

  it('cannot be tricked by private-use characters that look like its heading markers', () => {
    expect(htmlToBlocks('<p>\uE0002\uE001fake</p>')).toEqual([{ type: 'paragraph', text: '2fake' }])
  })
})

describe('htmlTitle and htmlToPlainText', () => {
  it('reads and decodes the title', () => {
    expect(htmlTitle('<head><title>Fish &amp; Chips\n - Wiki</title></head>')).toBe('Fish & Chips - Wiki')
    expect(htmlTitle('<p>none</p>')).toBeNull()
  })

  it('gives plain text without heading markers', () => {
    expect(htmlToPlainText('<h2>Hi</h2><p>there</p>')).toBe('Hi\n\nthere')
  })
})
