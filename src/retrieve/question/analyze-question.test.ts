import { afterAll, describe, expect, it } from 'vitest'
import { termId } from '../../text/term-hash.ts'
import { analyzeQuestion, stripFiller } from './analyze-question.ts'
import { createQuestionLexicon } from './question-lexicon.ts'
import { createWordnetLexicon } from './wordnet-lexicon.ts'

const lexicon = createWordnetLexicon()
afterAll(() => lexicon.close())

describe('analyzeQuestion', () => {
  it('drops chat openers', () => {
    expect(stripFiller('hey, quick one — how many leave days do I get?')).toBe('how many leave days do I get?')
    expect(stripFiller('Can you tell me where the office is?')).toBe('where the office is?')
  })

  it('tells names apart from what is asked', () => {
    const q = analyzeQuestion('What squad number did Iwan Roberts wear at Norwich City?', null)
    const anchors = q.terms.filter((t) => t.anchor).map((t) => t.surface)
    expect(anchors).toEqual(['Iwan', 'Roberts', 'Norwich', 'City'])
    expect(q.answerType).toBe('number')
    expect(q.specifiers).toEqual([termId('squad')])
  })

  it('does not take the kind of answer asked for, in capitals, for a name', () => {
    const q = analyzeQuestion('At what URL is the LayoutParser library publicly available?', null)
    expect(q.terms.filter((t) => t.anchor).map((t) => t.surface)).toEqual(['LayoutParser'])
    expect(q.answerType).toBe('url')
  })

  it('reads "e-mail" as one word, not an "e" to find in every passage', () => {
    const q = analyzeQuestion("What does the body of Mikel Lindsaar's 'Testing outlook' e-mail say?", null)
    expect(q.terms.map((t) => t.stem)).toContain('email')
    expect(q.terms.map((t) => t.stem)).not.toContain('e')
  })

  it('reads "who sent it" as asking for a name, not for the word "sent"', () => {
    const kinds = (text: string) => analyzeQuestion(text, null).terms.filter((t) => t.answerKind).map((t) => t.surface)
    expect(kinds("Who sent the e-mail 'PGP Comments on RTO West Release of Dec. 14'?")).toContain('sent')
    expect(kinds('How many days after the claim must the written notice be sent?')).not.toContain('sent')
  })

  it('does not take the first word of a sentence for a name', () => {
    const q = analyzeQuestion('Which tool did Roberts pick? Hammers vary.', null)
    expect(q.terms.find((t) => t.surface === 'Roberts')?.anchor).toBe(true)
    expect(q.terms.find((t) => t.surface === 'Hammers')?.anchor).toBe(false)
  })

  it('turns "page 31" into a page to prefer, not a word to find', () => {
    const q = analyzeQuestion('According to page 31 of the 2007 instructions, what is the fee?', null)
    expect(q.pages).toEqual([31])
    expect(q.terms.map((t) => t.surface)).not.toContain('31')
    expect(q.years).toEqual(['2007'])
  })

  it("reads a year written with an apostrophe as the whole year, not a quoted number", () => {
    expect(analyzeQuestion("How much did they pay in the summer of '97?", null).years).toEqual(['1997'])
    expect(analyzeQuestion('What happened in the ’04 season?', null).years).toEqual(['2004'])
    expect(analyzeQuestion("If a header has a two-digit year like '23', what then?", null).years).toEqual([])
  })

  it('searches the other forms of an irregular word, nearly as much as the word', () => {
    const q = analyzeQuestion('How much did the club pay for him?', lexicon)
    const paid = q.expansions.find((e) => e.stem === 'paid')
    expect(paid?.origins).toEqual([q.terms.find((t) => t.surface === 'pay')?.id])
    expect(paid?.factor).toBeGreaterThan(0.8)
  })

  it('knows which item of a list the question names', () => {
    expect(analyzeQuestion("What's the first numbered reminder?", null).ordinal).toBe(1)
    expect(analyzeQuestion('What is the 3rd step?', null).ordinal).toBe(3)
    expect(analyzeQuestion('What is the fee?', null).ordinal).toBeNull()
  })

  it('weighs chat words down and expands content words with related ones', () => {
    const q = analyzeQuestion('What car insurance does the consultant say we need?', lexicon)
    expect(q.terms.find((t) => t.surface === 'say')?.factor).toBeLessThan(1)
    // A pronoun says nothing of what is asked ("how he was doing").
    expect(analyzeQuestion('What did he sign on her behalf?', lexicon).terms.filter((t) => t.factor === 1).map((t) => t.surface)).toEqual(['sign', 'behalf'])
    const automobile = q.expansions.find((e) => e.stem === 'automobil')
    expect(automobile?.origins).toEqual([termId('car')])
    expect(automobile?.factor).toBeGreaterThan(0)
  })

  it('in a question about a mail, counts the kinds of file it carries and reads them as its "Attachments:" line does', () => {
    const q = analyzeQuestion('Which message came with a PDF and a picture attached?', lexicon)
    expect(q.terms.find((t) => t.surface === 'PDF')?.factor).toBe(1)
    expect(q.terms.find((t) => t.surface === 'message')?.factor).toBeLessThan(1)
    expect(q.expansions.find((e) => e.stem === 'imag')?.origins).toEqual([q.terms.find((t) => t.surface === 'picture')?.id])
    // Without a mail, "the PDF" only says which document is meant.
    expect(analyzeQuestion('What does the PDF say about fees?', lexicon).terms.find((t) => t.surface === 'PDF')?.factor).toBeLessThan(1)
  })

  it('reads a phrasal verb whose particle is a stop word, with its object in between', () => {
    // "send on" is WordNet's "forward"; "on" is a stop word and "it" stands between them.
    const q = analyzeQuestion('Where should I send it on to?', lexicon)
    expect(q.expansions.find((e) => e.stem === 'forward')?.origins).toEqual([termId('send')])
    // "handing them over": the verb's dictionary form is found from what is written.
    const handed = analyzeQuestion('Who is handing them over to HR?', lexicon)
    expect(handed.expansions.find((e) => e.stem === 'deliv')?.origins).toEqual([termId('hand')])
    expect(analyzeQuestion('Where should I send it?', lexicon).expansions.some((e) => e.stem === 'forward')).toBe(false)
  })
})

describe('words the stemmer leaves apart', () => {
  it('joins a word whose stem keeps a second suffix ("undeliverable" → "undelivered")', () => {
    const q = analyzeQuestion('Which test message came back as undeliverable?', null)
    expect(q.expansions.find((e) => e.stem === 'undeliv')?.origins).toEqual([termId('undeliver')])
  })

  it('does not search for question words that are not stop words', () => {
    const whose = analyzeQuestion('Whose feedback did he pass along?', null).terms.find((t) => t.surface === 'Whose')
    expect(whose?.factor).toBeLessThan(1)
  })
})

describe('what a count counts', () => {
  it('is the word before the verb or preposition, with the unit of a rate after it', () => {
    const counted = (text: string) => analyzeQuestion(text, null).counted
    expect(counted('How many extra weeks does the ATO process take?')).toEqual([['week']])
    expect(counted('How many hours of computing time did it take?')).toEqual([['hour']])
    expect(counted('How many hours a week does Patrick work?')).toEqual([['hour'], ['week']])
    expect(counted('How large, in megabytes, is the trace cache?')).toEqual([['megabyt']])
    expect(counted('How old is Siobhan?')).toEqual([['year', 'ag', 'old']])
    expect(counted('How much paid time off can I get?')).toEqual([])
  })
})

describe('chat words', () => {
  const both = createQuestionLexicon()
  afterAll(() => both.close())

  it("are searched in the documents' words, next to WordNet's", () => {
    const q = analyzeQuestion('If we want to walk away early, how much heads-up do we owe them?', both)
    const stems = (origin: string) => q.expansions.filter((e) => e.origins.includes(termId(origin))).map((e) => e.stem)
    // "walk away" is WordNet's "leave"; in a contract it is "terminate". A hyphenated "heads-up" is looked up whole.
    expect(stems('walk')).toEqual(expect.arrayContaining(['termin', 'leav']))
    expect(stems('head')).toEqual(expect.arrayContaining(['notic']))
    expect(q.expansions.find((e) => e.stem === 'notic')?.factor).toBe(0.6)
    // Without the chat lexicon, WordNet alone never reaches "notice".
    expect(analyzeQuestion('how much heads-up do we owe them?', lexicon).expansions.some((e) => e.stem === 'notic')).toBe(false)
  })

  it('read an idiom around a little word as a whole: "pull the plug", "put it right"', () => {
    const q = analyzeQuestion('How long do we get to put it right before they can pull the plug on us?', both)
    expect(q.expansions.find((e) => e.stem === 'termin')?.origins).toEqual([termId('pull'), termId('plug')])
    expect(q.expansions.find((e) => e.stem === 'cure')?.origins).toEqual([termId('put'), termId('right')])
  })
})

describe('the kind of thing asked for', () => {
  it('is the word before the verb in "which tool is", "on what machine were"', () => {
    const kinds = (text: string) => analyzeQuestion(text, null).terms.filter((t) => t.answerKind).map((t) => t.surface)
    expect(kinds('Which tool is recommended for Python code security analysis?')).toEqual(['tool'])
    expect(kinds('On what machine were all the experiments performed?')).toEqual(['machine'])
    expect(kinds('Which Moscow sweets factory has an anniversary?')).toEqual(['factory'])
    expect(kinds('What does the policy say about visitors?')).toEqual([])
  })
})

describe('quoted words', () => {
  it('name something, like a name does; an apostrophe inside a word opens no quote', () => {
    const q = analyzeQuestion("What's in Ryan's note in the 'Nodemailer is unicode friendly' message?", null)
    const anchors = q.terms.filter((t) => t.anchor).map((t) => t.surface)
    expect(anchors).toEqual(['Ryan', 'Nodemailer', 'unicode', 'friendly'])
    expect(q.terms.find((t) => t.surface === 'note')?.anchor).toBe(false)
  })
})

describe('specifiers', () => {
  it('are the words saying which number, not how it is measured', () => {
    expect(analyzeQuestion('What is the maximum number of annual leave hours I can carry over?', null).specifiers).toEqual([])
    expect(analyzeQuestion('What reference number did the committee give?', null).specifiers).toEqual([termId('refer')])
  })
})
