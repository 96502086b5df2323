import { describe, expect, it } from 'vitest'
import { readCorpusFile } from '../../../../tests/helpers/corpus.ts'
import { assessText } from './garbled-text.ts'

describe('assessText', () => {
  it.each([
    ['GBK read as Latin-1 (chinese-no-tounicode-garbled.pdf)', 'Ä¿¡¡¡¡Â¼\n¹ØÓÚºì¾ü×÷Õ½μÄÔ-Ôò £±\t¡-¡-¡-¡-¡-\n£¨Ò»¾ÅÈýÆßÄê°ËÔÂÒ»ÈÕ£©\n¶Ô¹ú·ÀÎÊÌâμÄÒâ¼û £³', 'latin1_mojibake'],
    [
      'glyph codes shifted by 29, spaces as U+0003 (german newsletter)',
      '+HUDXVJHEHU\u001d\u0003 *HPHLQGHYHUZDOWXQJ\u00036FKXWWHUZDOG\u001e\u0003YHUDQWZRUWO\u0011\u0003IU\u0003GHQ\u0003,QKDOW',
      'control_chars',
    ],
    [
      'the same shifted glyphs once control characters are stripped',
      '+HUDXVJHEHU *HPHLQGHYHUZDOWXQJ 6FKXWWHUZDOG YHUDQWZRUWO IU GHQ ,QKDOW GHV DPWOLFKHQ 7HLOV +HUU %UJHUPHLVWHU 0DUWLQ +ROVFKXK (KUXQJ YRQ %HVWOHLVWXQJHQ',
      'shifted_glyphs',
    ],
    ['Windows-1252 punctuation soup', '™—›™œ›Ÿ ̃ › ™—›™œ›Ÿ ›™œ›Ÿ ™—›™œ›Ÿ ›™œ›Ÿ', 'latin1_mojibake'],
    ['replacement characters', 'Das ist ein T\uFFFDst mit \uFFFD\uFFFD\uFFFD und \uFFFD\uFFFD\uFFFD\uFFFD', 'replacement_chars'],
    ['private-use glyphs', 'Seite \uE001\uE002\uE003\uE004 \uE005\uE006\uE007 \uE008\uE009\uE00A\uE00B\uE00C \uE00D\uE00E\uE00F\uE010\uE011\uE012\uE013', 'private_use_chars'],
  ])('flags %s', (_name, text, reason) => {
    expect(assessText(text)).toEqual({ garbled: true, reason })
  })

  it.each([
    ['Arabic', 'تحسين الإنتاجية وحل المشكلات من خلال البرمجة بلغة R وPython تعتبر البرمجة بلغة R وPython من الأدوات القوية'],
    ['Japanese', 'わたくしといふ現象は假定された有機交流電燈のひとつの青い照明です（あらゆる透明な幽霊の複合体）'],
    ['Chinese', '中國是涵蓋亞歐大陸東部廣大面積的地域、以及在此建立的國家，以漢族為主體民族。'],
    ['Russian', 'Календарь знаменательных и памятных дат на 2017 год. Большечерниговская районная библиотека'],
    ['German with umlauts', 'Die Hasen klagten einst über ihre mißliche Lage; "wir leben", sprach ein Redner, "in steter Furcht vor Menschen und Tieren".'],
    ['French', 'Persil, abeilles et biodiversité : à la découverte des écosystèmes où l’été se prolonge, déjà ça !'],
    ['code', 'const result = await parser.getText({ pageJoiner: "" });\nfor (const page of result.pages) { console.log(page.num, page.text.length) }'],
    ['a table of numbers', 'USA | $150 | $180 | $165 | $200 | $695\nCanada | $45 | $52 | $48 | $60 | $205\nTotal | $195 | $232 | $213 | $260 | $900'],
    ['RFC ASCII art', '+--------+   +--------+\n| Client |-->| Server |\n+--------+   +--------+\n    |  DATA  |  250 OK |\n    +--------+---------+'],
    ['an all-caps heading run', 'PROFESSIONAL SERVICES AGREEMENT THIS AGREEMENT MADE AND ENTERED INTO BETWEEN THE CITY AND THE CONSULTANT FOR SERVICES DESCRIBED HEREIN'],
    ['too little text to judge', '¹ØÓÚ'],
  ])('passes %s', (_name, text) => {
    expect(assessText(text).garbled).toBe(false)
  })

  it('passes real-world text with some mojibake (wikipedia-iwan-roberts-mojibake.txt)', async () => {
    // Mostly fine English with "â\u0080\u0093" for en dashes: worth indexing, so not "garbled".
    const text = (await readCorpusFile('text/plain/wikipedia-iwan-roberts-mojibake.txt')).toString('utf8')
    expect(assessText(text).garbled).toBe(false)
  })
})
