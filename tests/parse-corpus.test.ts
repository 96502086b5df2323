/**
 * Every file of the shared corpus (pdf, docx, email, text) goes through the real
 * parser pool, and each outcome is checked against one explicit table: either the
 * kind and phrases a user would search for, or the error code the user is told.
 * The pool's time limit bounds every file, so none can hang the suite.
 */
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '../src/platform/app-error.ts'
import type { ErrorCode } from '../src/platform/app-error.ts'
import { createDocumentParser } from '../src/ingest/parse/index.ts'
import type { DocumentKind, DocumentParser, ParsedDocument, ParseInput } from '../src/ingest/parse/index.ts'
import { listCorpusFiles, readCorpusFile } from './helpers/corpus.ts'

interface Failure {
  error: ErrorCode
  message?: RegExp
}

interface Success {
  kind: DocumentKind
  /** Must appear in the text (whitespace-insensitive). */
  phrases?: string[]
  /** Must not appear: boilerplate, deleted text, quoted history. */
  absent?: string[]
  /** Must appear exactly once (multipart/alternative must not be indexed twice). */
  once?: string[]
  pages?: number | null
  /** A block on this page contains the phrase. */
  onPage?: [phrase: string, page: number][]
  headings?: [level: number, text: string][]
  title?: string | null
  from?: string | null
  date?: string | null
  /** File names of the parts, in order. */
  parts?: string[]
  /** Parts parsed in turn, as ingest does. */
  partChecks?: Record<string, Expectation>
}

type Expectation = Failure | Success

const fable = 'Die Hasen klagten einst über ihre mißliche Lage'
const hare = 'A HARE one day ridiculed the short feet and slow pace of the Tortoise'
const outlook2000Title = 'Die Hasen und die Frösche (Microsoft Outlook 00)'

const expectations: Record<string, Expectation> = {
  // ---- PDF ----------------------------------------------------------------
  'pdf/arabic-rtl-word.pdf': { kind: 'pdf', pages: 1, phrases: ['البرمجة بلغة R و Python', 'البيانات'] },
  // No ToUnicode maps: pdf.js reads it as garbage (it was refused as garbled_text); PDFium maps the glyphs back.
  'pdf/chinese-no-tounicode-garbled.pdf': { kind: 'pdf', pages: 1, phrases: ['关于红军作战的原则', '对国防问题的意见'] },
  // Encrypted with an empty user password: it opens, so it is read like any other PDF.
  'pdf/copy-protected-owner-only.pdf': {
    kind: 'pdf',
    pages: 2,
    phrases: ['LayoutParser: A Unified Toolkit for Deep Learning Based Document Image Analysis'],
  },
  'pdf/dmca-summary-rc4-noUserPassword.pdf': {
    kind: 'pdf',
    pages: 18,
    title: 'The Digital Millennium Copyright Act of 1998',
    phrases: ['The Digital Millennium Copyright Act (DMCA) was signed into law'],
  },
  'pdf/encrypted-aes256-user-password-baz.pdf': { error: 'encrypted', message: /^it is password-protected$/ },
  'pdf/encrypted-user-password-openpassword.pdf': { error: 'encrypted', message: /^it is password-protected$/ },
  'pdf/freeculture-lessig-2.6MB.pdf': {
    kind: 'pdf',
    pages: 352,
    title: 'Free Culture',
    phrases: ['This PDF version of Free Culture is licensed under a Creative Commons license'],
    onPage: [['Amazon, of course, is not the problem', 284]],
  },
  'pdf/geotopo-thesis-de-1.8MB.pdf': {
    kind: 'pdf',
    pages: 117,
    phrases: ['Einführung in die Geometrie und Topologie', 'Übungen und Tutorien'],
    onPage: [['HOMOTOPIE VON WEGEN', 50]],
  },
  // 15 of 18 pages are shifted glyph codes ("+HUDXVJHEHU"): most of the text is garbage.
  'pdf/german-newsletter-garbled-fonts-1.8MB.pdf': { error: 'garbled_text' },
  'pdf/google-docs-document.pdf': {
    kind: 'pdf',
    pages: 1,
    title: 'PDF Example Document',
    phrases: ['Beautiful is better than ugly.', 'Readability counts.'],
  },
  'pdf/irs-i1040nr-instructions.pdf': {
    kind: 'pdf',
    pages: 50,
    phrases: ['Instructions for Form 1040NR', 'U.S. Nonresident Alien Income Tax Return'],
    onPage: [['2007 Tax Table', 40]],
  },
  // pdf-parse 1.1.1 gave 12 characters of garbage; 2.x with pdf.js CMaps reads the vertical text.
  'pdf/japanese-kampo-gazette.pdf': { kind: 'pdf', pages: 1, phrases: ['第二条第一項の表の青色の灯火の項第三号中'] },
  // pdf-parse 1.1.1 threw "bad XRef entry" here.
  'pdf/japanese-miyazawa-jo.pdf': {
    kind: 'pdf',
    pages: 1,
    phrases: ['わたくしといふ現象は假定された有機交流電燈の', '因果交流電燈のひとつの青い照明です'],
  },
  'pdf/latex-multicolumn.pdf': { kind: 'pdf', pages: 3, phrases: ['Two-Column Document with Lorem Ipsum', 'Curabitur dictum gravida mauris'] },
  'pdf/libreoffice-writer-trivial.pdf': { kind: 'pdf', pages: 1, phrases: ['Lorem ipsum dolor sit amet, consetetur sadipscing elitr'] },
  // pdf.js repairs the broken xref into one page without any text.
  'pdf/malformed-bad-xref.pdf': { error: 'no_text' },
  // Made pdf-parse 1.1.1 spin forever; pdf.js 5 rejects it at once (the pool's timeout is the safety net).
  'pdf/malformed-hangs-pdf-parse.pdf': { error: 'parse_failed' },
  'pdf/naacl06-shinyama-2col.pdf': {
    kind: 'pdf',
    pages: 8,
    phrases: ['Preemptive Information Extraction using Unrestricted Relation Discovery', 'Unrestricted Relation Discovery is a technique'],
  },
  'pdf/pdftex-minimal.pdf': { kind: 'pdf', pages: 1, phrases: ['Lorem ipsum dolor sit amet'] },
  'pdf/pike-kernighan-program-design-unix.pdf': { kind: 'pdf', pages: 7, phrases: ['Program design in the UNIX environment', 'software tools'] },
  'pdf/research-article-tables.pdf': {
    kind: 'pdf',
    pages: 7,
    phrases: ['polymorphisms and response to peginterferon/ribavirin treatment', 'hepatitis C virus genotype 1 infection'],
  },
  'pdf/sample-contract.pdf': {
    kind: 'pdf',
    pages: 10,
    title: 'SampleContract-Shuttle',
    phrases: ['PROFESSIONAL SERVICES AGREEMENT', 'SANTA CRUZ COUNTY REGIONAL TRANSPORTATION COMMISSION'],
    onPage: [['Exhibit B: Fee Schedule', 10]],
  },
  // Only "pdf.js" (6 characters) on one page.
  'pdf/scanned-canon-damaged-xref.pdf': { error: 'no_text', message: /no text layer/ },
  'pdf/scanned-no-text-layer-de.pdf': { error: 'no_text', message: /no text layer/ },
  'pdf/scanned-with-ocr-layer.pdf': { kind: 'pdf', pages: 1, phrases: ['STATE UNIVERSITIES ANNUITANTS ASSOCIATION', 'EXECUTIVE DIRECTOR'] },
  'pdf/tracemonkey-paper-2col.pdf': {
    kind: 'pdf',
    pages: 14,
    phrases: ['Trace-based Just-in-Time Type Specialization for Dynamic Languages'],
    onPage: [['Calling External Functions', 10]],
  },
  'pdf/truncated-attachment-1KB.pdf': { error: 'parse_failed' },
  'pdf/wkhtmltopdf-qt.pdf': { kind: 'pdf', pages: 1, phrases: ['Header', 'Foo: bar', 'ABC: DEF'] },

  // ---- DOCX ---------------------------------------------------------------
  // Review comments are not document text (mammoth leaves them out).
  'docx/comments.docx': { kind: 'docx', phrases: ['Ouch.'], absent: ['A tachyon walks into a bar'] },
  'docx/corrupt-truncated-zip.docx': { error: 'parse_failed', message: /ZIP/ },
  'docx/emf-images-8MB-html.docx': {
    kind: 'docx',
    phrases: ['Test with three images in unusual formats', 'Raster in webp:'],
    absent: ['base64', 'data:image'],
  },
  // An OLE container holding an EncryptedPackage: a password-protected .docx.
  'docx/encrypted-password-pass.docx': { error: 'encrypted', message: /^it is password-protected$/ },
  'docx/endnotes.docx': { kind: 'docx', phrases: ['Ouch', 'A tachyon walks into a bar.', 'Fin.'], absent: ['↑'] },
  // OMML equations are dropped by mammoth; the prose around them stays.
  'docx/equations-omml.docx': {
    kind: 'docx',
    phrases: ['This is a word document and this is an inline equation', 'And that is an equation by itself. Cheers!'],
  },
  'docx/footnotes.docx': { kind: 'docx', phrases: ['Ouch', 'A tachyon walks into a bar.', 'Fin.'], absent: ['↑'] },
  // Header text ("Header for section-1") lives in header1.xml, which mammoth does not read.
  'docx/header-footer-per-section.docx': { kind: 'docx', phrases: ['section with header', 'section without header of its own.'] },
  'docx/headings-hierarchy.docx': {
    kind: 'docx',
    phrases: ['Paragraph 1.2.3.1'],
    headings: [
      [1, 'Section 1'],
      [2, 'Section 1.1'],
      [3, 'Section 1.2.3'],
      [1, 'Section 2'],
    ],
  },
  'docx/lists-nested.docx': {
    kind: 'docx',
    phrases: ['- List item 1 - List item 2 - List item 3', '1. List item a 2. List item b 3. List item c'],
    headings: [
      [1, 'Test Document'],
      [3, 'Test 1:'],
    ],
  },
  'docx/malformed-xml-undefined-entity.docx': { error: 'parse_failed', message: /XML/ },
  'docx/multilingual-embedded-attachments.docx': {
    kind: 'docx',
    phrases: ['Русский вариант', 'Ўзбек', 'Таблица | Сначала | Все | На | русском'],
  },
  'docx/numbered-lists-complex.docx': { kind: 'docx', phrases: ['Entry #2, with children', 'Carrying on @ 13', 'All done!'] },
  'docx/real-world-tax-cases.docx': { kind: 'docx', phrases: ['(V) ILLUSTRATIVE CASES', 'basic personal tax credit'] },
  'docx/russian-library-calendar.docx': {
    kind: 'docx',
    phrases: ['Большечерниговская районная библиотека', 'Календарь знаменательных и памятных дат на 2017 год', 'Льва Ивановича Давыдычева'],
  },
  'docx/strict-ooxml.docx': { kind: 'docx', phrases: ['Test'] },
  'docx/tables-nested-links.docx': { kind: 'docx', phrases: ['Header Col 1 | Header Col 2', 'Lorem ipsum | A link example', 'g&t'] },
  'docx/tables-uniform-merged.docx': {
    kind: 'docx',
    phrases: ['Header 0.0 | Header 0.1 | Header 0.2', 'Cell 1.0 | Merged Cell 1.1 1.2'],
    headings: [[1, 'Test with tables']],
  },
  'docx/textboxes-kindergarten.docx': { kind: 'docx', phrases: ['Infectious Disease Reporting Procedure', 'Sore throat'] },
  // Four tracked deletions: the deleted text must not reach the index.
  'docx/tracked-changes-delins.docx': {
    kind: 'docx',
    phrases: ['A Nepalese name for Tilaka', 'Apache Tika 0.3 has been released'],
    absent: ['A pendant worn in place of the red spot', 'Tika Waylan'],
  },
  'docx/word-sample-headings-image-caption.docx': {
    kind: 'docx',
    phrases: ['Figure 1: This is a cute duckling', 'Wear sunglasses'],
    headings: [
      [1, 'Let’s swim!'],
      [2, 'Let’s eat'],
    ],
    absent: ['base64'],
  },

  // ---- E-mail -------------------------------------------------------------
  'email/bounce-multipart-report.eml': {
    kind: 'email',
    title: 'Undelivered Mail Returned to Sender',
    phrases: ['This is the mail system at host lvmail01.LL.com'],
    parts: ['Test of bounce email.eml'],
    partChecks: { 'Test of bounce email.eml': { kind: 'email', phrases: ['This is just testing.'] } },
  },
  // The text/calendar alternative is the body again; the invite.ics attachment is kept.
  'email/calendar-invite-ics.eml': {
    kind: 'email',
    title: 'Invitation: Test event ⏰ @ Thu Apr 11, 2024 11am - 12pm (GMT+3) (andris@ethereal.email)',
    phrases: ['Join with Google Meet'],
    parts: ['invite.ics'],
  },
  'email/enron-uuencoded-word-doc.eml': {
    kind: 'email',
    from: 'Lon L. Peters <lpeters@PACIFIER.COM>',
    phrases: ['Attached are the comments of the Public Generating Pool.'],
    absent: ['NOTICE: This communication'],
    parts: ['PGP_Cmts_on_12-14-01_Pkg.doc'],
    // The x-uuencode body of the .doc is empty in the source file itself.
    partChecks: { 'PGP_Cmts_on_12-14-01_Pkg.doc': { error: 'empty' } },
  },
  'email/eudora-binhex-attachments.eml': {
    kind: 'email',
    title: 'Die Hasen und die Frösche',
    phrases: [fable],
    parts: ['blueball.png', 'HasenundFrösche.txt'],
    partChecks: { 'HasenundFrösche.txt': { error: 'unsupported_type', message: /BinHex/ } },
  },
  'email/forward-as-attachment-rfc822-with-pdf.eml': {
    kind: 'email',
    phrases: ['This is the first part.'],
    parts: ['ForwardedMessage.eml'],
    partChecks: {
      'ForwardedMessage.eml': {
        kind: 'email',
        title: 'Another PDF',
        phrases: ['Just attaching another PDF'],
        parts: ['broken.pdf'],
        partChecks: { 'broken.pdf': { error: 'parse_failed' } },
      },
    },
  },
  'email/forward-with-empty-rfc822-part.eml': {
    kind: 'email',
    title: 'Fwd: fotos',
    phrases: ['Note: forwarded message attached.'],
    parts: ['attachment-1.eml'],
    partChecks: { 'attachment-1.eml': { error: 'empty' } },
  },
  'email/french-with-msword-doc-attachment.eml': {
    kind: 'email',
    title: 'Persil, abeilles ...',
    parts: ['Biodiversite de semaine en semaine.doc'],
    partChecks: { 'Biodiversite de semaine en semaine.doc': { error: 'unsupported_type', message: /legacy Word \.doc/ } },
  },
  'email/gmail-docx-attachment.eml': {
    kind: 'email',
    phrases: ['This is a test email with 1 attachment.'],
    parts: ['DockMcWordface.docx'],
    // A real .docx exported from Google Docs with no text in it.
    partChecks: { 'DockMcWordface.docx': { error: 'empty' } },
  },
  'email/gmail-inline-forward.eml': {
    kind: 'email',
    title: 'Fwd: Signed email causes file attachments',
    phrases: ['We should not include these files or vcards as attachments.'],
    absent: ['Test attachments with Base64 encoded filename'],
    parts: ['Signed email causes file attachments.eml', 'This is a test.pdf'],
    partChecks: {
      'Signed email causes file attachments.eml': {
        kind: 'email',
        title: 'Signed email causes file attachments',
        from: 'xxxxx xxxxxx <xxxxxxxx@xxx.com>',
        phrases: ['Test attachments with Base64 encoded filename.'],
      },
      // Declared application/pdf, but the bytes are a PKCS#7 blob.
      'This is a test.pdf': { error: 'unsupported_type' },
    },
  },
  'email/invalid-charset-name.eml': { kind: 'email', phrases: ['The Hare and the Tortoise', hare] },
  'email/japanese-iso-2022-jp.eml': { kind: 'email', title: 'まみむめも', phrases: ['すみません。'] },
  'email/japanese-shift-jis-8bit.eml': { kind: 'email', phrases: ['このメールはテスト用のメールです。', '今後ともよろしくお願い申し上げます'] },
  'email/koi8-r-tnef-outlook365.eml': {
    kind: 'email',
    phrases: ['шостий'],
    parts: ['winmail.dat'],
    partChecks: { 'winmail.dat': { error: 'unsupported_type', message: /TNEF/ } },
  },
  'email/korean-ks_c_5601-1987.eml': { kind: 'email', phrases: ['스티해'] },
  'email/large-plain-text-1.1MB.eml': {
    kind: 'email',
    title: '[Bug 381598] Re: ubiquity crashes in ubuntu 9.04 installation',
    phrases: ['Exception during installation:', 'InstallStepError: MigrationAssistantApply failed with code 2'],
    absent: ['You received this bug notification'],
  },
  'email/mailgun-double-base64-pdf.eml': {
    kind: 'email',
    phrases: ['Test - body content'],
    parts: ['test.pdf'],
    partChecks: { 'test.pdf': { error: 'parse_failed' } },
  },
  'email/malformed-bad-encoded-subject.eml': { kind: 'email', title: 'TEST', from: null, phrases: ['TEST'] },
  'email/malformed-illegal-boundary.eml': { kind: 'email', title: 'Testing outlook', phrases: ['This is an outlook test'] },
  'email/malformed-newline-in-to-header.eml': {
    kind: 'email',
    title: '[Online Lead] Online Lead #1111111',
    phrases: ['<requestdate>2010-10-13T07:53:04-09:00</requestdate>'],
  },
  // Inline message/rfc822 parts become messages of their own, at every depth.
  'email/mime-torture-nested-rfc822.eml': {
    kind: 'email',
    title: "Ryan Finnie's MIME Torture Test v1.0",
    phrases: ["Welcome to Ryan Finnie's MIME torture test."],
    absent: ['This is a plain text/plain message'],
    parts: [
      'plain jane message.eml',
      'messages inside messages inside....eml',
      'this message JUST contains an attachment.eml',
      'Attachment filename vs. name.eml',
      'No filename No problem!.eml',
      'html and text, both inline.eml',
      'text and text, both inline.eml',
      'HTML and... HTML.eml',
      'smiley!.eml',
      'the PROPER way to do alternativerelated.eml',
    ],
    partChecks: {
      'messages inside messages inside....eml': {
        kind: 'email',
        parts: ['the original message.eml'],
        partChecks: {
          'the original message.eml': {
            kind: 'email',
            phrases: ['by this point, I should be the 3rd layer deep!'],
            parts: ['foo.gz'],
            partChecks: { 'foo.gz': { error: 'unsupported_type', message: /gzip/ } },
          },
        },
      },
    },
  },
  'email/mixed-pdf-png-attachments.eml': {
    kind: 'email',
    phrases: ['This is a test email with both plain text and attachments.'],
    parts: ['document.pdf', 'image.png'],
    // The "valid" 336-byte PDF has one page and no content stream.
    partChecks: { 'document.pdf': { error: 'no_text' }, 'image.png': { error: 'unsupported_type', message: /PNG/ } },
  },
  'email/multipart-digest.eml': {
    kind: 'email',
    title: 'Test multipart-digest',
    parts: ['submsg.eml'],
    partChecks: {
      'submsg.eml': {
        kind: 'email',
        parts: ['m1.eml', 'm2.eml'],
        partChecks: { 'm1.eml': { kind: 'email', phrases: ['m1 body'] }, 'm2.eml': { kind: 'email', phrases: ['m2 body'] } },
      },
    },
  },
  'email/netscape-uuencode-attachments.eml': {
    kind: 'email',
    phrases: ['The Hare and the Tortoise'],
    parts: ['redball.png', 'greenball.png', 'blueball.png'],
    // x-uuencode decoded: real PNG images.
    partChecks: { 'redball.png': { error: 'unsupported_type', message: /PNG image/ } },
  },
  'email/nodemailer-unicode-rich.eml': {
    kind: 'email',
    title: 'Nodemailer is unicode friendly ✔ (1476358788189)',
    phrases: ['Hello to myself!'],
    parts: ['notes.txt'],
    partChecks: { 'notes.txt': { kind: 'text', phrases: ['Some notes about this e-mail'] } },
  },
  'email/outlook-quoted-reply.eml': { kind: 'email', title: 'Test', phrases: ['Hello'], absent: ['The manager', 'mailto:'] },
  'email/outlook-tnef-winmail-dat.eml': {
    kind: 'email',
    title: 'Read: invitation',
    parts: ['winmail.dat'],
    // Named winmail.dat, but the fixture's bytes are a PNG.
    partChecks: { 'winmail.dat': { error: 'unsupported_type' } },
  },
  'email/outlook2000-alternative-qp.eml': { kind: 'email', phrases: ['The Hare and the Tortoise'], once: [hare] },
  'email/outlook2000-base64-body.eml': { kind: 'email', title: outlook2000Title, phrases: [fable] },
  'email/outlook2000-mixed-related-alternative-images.eml': {
    kind: 'email',
    once: [hare],
    parts: ['greenball.png', 'redball.png'],
  },
  'email/outlook2000-plain-iso8859-1-8bit.eml': { kind: 'email', title: outlook2000Title, phrases: [fable] },
  'email/outlook2000-utf7.eml': { kind: 'email', title: outlook2000Title, phrases: [fable] },
  'email/outlook2000-windows-1252-qp.eml': {
    kind: 'email',
    title: outlook2000Title,
    from: 'Doug Sauder <doug@example.com>',
    date: '2000-05-17T23:30:20.000Z',
    phrases: [fable],
  },
  'email/pdf-attachment-unicode-subject.eml': {
    kind: 'email',
    title: 'Another PDF with 🎉 Unicode chars in it 🍿',
    phrases: ['Just attaching another PDF'],
    parts: ['broken.pdf'],
    partChecks: { 'broken.pdf': { error: 'parse_failed' } },
  },
  'email/pgp-signed-multipart.eml': { kind: 'email', title: outlook2000Title, phrases: [fable], parts: [] },
  'email/windows-1251-redacted-bad-date.eml': {
    kind: 'email',
    from: 'Атиковa <yusuf75thu@auracom.net>',
    date: null,
    phrases: ['This message has been scanned for viruses'],
  },

  // ---- Text, Markdown, HTML -----------------------------------------------
  'text/html/complex-table.html': {
    kind: 'html',
    title: 'Complex Table Test',
    headings: [[1, 'Quarterly Sales Report']],
    phrases: ['USA | $150 | $180 | $165 | $200 | $695', 'Annual Revenue | $1,500K | $1,756K'],
  },
  'text/html/outlook-2007-reply.html': { kind: 'html', phrases: ['Hi. I am fine.', 'Hello! How are you?'], absent: ['mso-', '<o:p>'] },
  'text/html/wikipedia-china-zh.html': {
    kind: 'html',
    title: '中國 - 维基百科，自由的百科全书',
    headings: [[2, '历史']],
    phrases: ['中國是涵蓋亞歐大陸東部廣大面積的地域'],
    absent: ['维基百科，自由的百科全书 跳转到', '隐私政策'],
  },
  'text/html/wikipedia-international-emergency-medicine.html': {
    kind: 'html',
    title: 'International emergency medicine - Wikipedia',
    headings: [[3, 'Lack of research']],
    phrases: ['International emergency medicine is a subspecialty of emergency medicine'],
    absent: ['Jump to content', 'Privacy policy', 'Retrieved from', 'This page was last edited', '[edit]'],
  },
  'text/html/wikipedia-sinthgunt.html': {
    kind: 'html',
    title: 'Sinthgunt - Wikipedia',
    headings: [[2, 'Etymology']],
    phrases: ['Sinthgunt is a figure in Germanic mythology'],
    absent: ['Jump to content', 'Navigation', 'Privacy policy', 'Retrieved from'],
  },
  'text/markdown/18f-handbook-leave.md': {
    kind: 'markdown',
    title: 'Leave types',
    headings: [
      [2, 'Reasons someone can take leave'],
      [4, 'Use or Lose'],
    ],
    phrases: ['Current employees can use this leave comparison chart.', '336 hours - 240 hour cap = 96 Use or Lose hours'],
    absent: ['{%', '{{', 'redirect_from', '](', 'keywords:'],
  },
  'text/markdown/18f-handbook-security.md': {
    kind: 'markdown',
    headings: [[2, 'General Security Standards']],
    phrases: ['Federal Information Security Modernization Act (FISMA)'],
    absent: ['{%', '{{', '---'],
  },
  'text/markdown/github-acceptable-use-policies.md': {
    kind: 'markdown',
    title: 'GitHub Acceptable Use Policies',
    headings: [[2, '2. User Safety']],
    phrases: ['In short, be excellent to each other.'],
  },
  'text/markdown/github-privacy-statement.md': {
    kind: 'markdown',
    title: 'GitHub General Privacy Statement',
    headings: [[2, 'GitHub Privacy Statement']],
    phrases: ['Effective date: February 1, 2024'],
  },
  'text/plain/german-fable-iso-8859-1-crlf.txt': { kind: 'text', phrases: ['Die Hasen und die Frösche', fable] },
  'text/plain/rfc2045-mime-part-one.txt': {
    kind: 'text',
    pages: 32,
    phrases: ['Multipurpose Internet Mail Extensions', 'Content-Transfer-Encoding'],
    absent: ['Standards Track [Page'],
  },
  'text/plain/rfc5322-internet-message-format.txt': {
    kind: 'text',
    pages: 58,
    phrases: ['Internet Message Format'],
    onPage: [['3.6.4. Identification Fields', 25]],
    absent: ['Standards Track [Page'],
  },
  // Mostly fine English with double-encoded en dashes ("â" + C1 controls): indexed, and
  // the dashes repaired, rather than refused as garbled.
  'text/plain/wikipedia-iwan-roberts-mojibake.txt': {
    kind: 'text',
    phrases: ['Iwan Roberts', '1986–1990 Watford'],
    absent: ['â'],
  },
}

const FOLDERS = ['pdf', 'docx', 'email', 'text']

const parser = createDocumentParser({ maxBytes: 50 * 1024 * 1024, timeoutMs: 30_000, poolSize: 2 })
afterAll(() => parser.close())

function searchable(text: string): string {
  return text.replace(/\s+/g, ' ')
}

/**
 * Parses through the real parser and checks the outcome against an expectation;
 * parts named in `partChecks` are parsed and checked in turn, as ingest would.
 */
async function checkParse(parser: DocumentParser, input: ParseInput, expected: Expectation): Promise<void> {
  const { filename } = input
  const outcome = await parser.parse(input).then(
    (document) => ({ document, error: null }),
    (error: unknown) => ({ document: null, error }),
  )
  if ('error' in expected) {
    expect(outcome.document, `${filename} should fail with ${expected.error}`).toBeNull()
    expect(outcome.error).toBeInstanceOf(AppError)
    expect(outcome.error).toMatchObject({ code: expected.error, ...(expected.message ? { message: expect.stringMatching(expected.message) } : {}) })
    return
  }
  if (!outcome.document) {
    const error = outcome.error instanceof AppError ? `${outcome.error.code}: ${outcome.error.message}` : String(outcome.error)
    expect.fail(`${filename} should parse as ${expected.kind}, but failed with ${error}`)
  }
  await checkDocument(parser, outcome.document, filename, expected)
}

async function checkDocument(parser: DocumentParser, document: ParsedDocument, filename: string, expected: Success): Promise<void> {
  const text = searchable(document.blocks.map((block) => block.text).join('\n'))
  expect(document.kind).toBe(expected.kind)
  for (const phrase of expected.phrases ?? []) expect(text, `${filename}: "${phrase}"`).toContain(searchable(phrase))
  for (const phrase of expected.absent ?? []) expect(text, `${filename}: no "${phrase}"`).not.toContain(searchable(phrase))
  for (const phrase of expected.once ?? []) expect(text.split(searchable(phrase)).length - 1, `${filename}: "${phrase}" once`).toBe(1)
  if (expected.pages !== undefined) expect(document.pages).toBe(expected.pages)
  for (const [phrase, page] of expected.onPage ?? []) {
    const pagesWithPhrase = document.blocks.filter((b) => searchable(b.text).includes(phrase)).map((b) => b.page)
    expect(pagesWithPhrase, `${filename}: "${phrase}" on page ${page}`).toContain(page)
  }
  for (const [level, heading] of expected.headings ?? []) {
    expect(document.blocks).toContainEqual(expect.objectContaining({ type: 'heading', level, text: heading }))
  }
  if (expected.title !== undefined) expect(document.title).toBe(expected.title)
  if (expected.from !== undefined) expect(document.email?.from ?? null).toBe(expected.from)
  if (expected.date !== undefined) expect(document.email?.date ?? null).toBe(expected.date)
  if (expected.parts !== undefined) expect(document.parts.map((part) => part.filename)).toEqual(expected.parts)
  for (const [name, partExpectation] of Object.entries(expected.partChecks ?? {})) {
    const part = document.parts.find((p) => p.filename === name)
    expect(part, `${filename} has part ${name}`).toBeDefined()
    if (part) await checkParse(parser, { bytes: part.bytes, filename: part.filename, mimeType: part.mimeType }, partExpectation)
  }
}

describe('corpus', () => {
  it('has one expectation for every corpus file, and none for files that are gone', async () => {
    expect(Object.keys(expectations).sort()).toEqual(await listCorpusFiles(FOLDERS))
  })

  // Files run concurrently; the pool parses two at a time and its time limit bounds each.
  describe.concurrent('parses every file as expected', () => {
    for (const [file, expected] of Object.entries(expectations)) {
      it(file, async () => {
        await checkParse(parser, { bytes: await readCorpusFile(file), filename: path.basename(file) }, expected)
      })
    }
  })
})
