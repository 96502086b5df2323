import { describe, expect, it } from 'vitest'
import { analyzeQuestion } from './question/analyze-question.ts'
import { type PassageText, type WeightedQuestion, anchorCoverageOf, passageEvidence } from './passage-evidence.ts'

function weighted(text: string): WeightedQuestion {
  const analysis = analyzeQuestion(text, null)
  return { analysis, weights: new Map(analysis.terms.map((t) => [t.id, t.factor])), related: new Map() }
}

const passage = (over: Partial<PassageText>): PassageText => ({ text: 'Some notes about this e-mail', title: 't', source: 's', headingPath: null, opening: '', page: null, ...over })

describe('anchorCoverageOf', () => {
  it('counts a name found in any candidate passage of the document', () => {
    const q = weighted('In the Firefox tracing-JIT paper, how many functions were marked trusted?')
    const id = (surface: string) => q.analysis.terms.find((t) => t.surface === surface)?.id as number
    expect(anchorCoverageOf([id('Firefox')], q)).toBeLessThan(1)
    expect(anchorCoverageOf(new Set([id('Firefox'), id('JIT')]), q)).toBe(1)
  })
})

describe('passageEvidence', () => {
  it('does not ask a passage for a name no document in the scope holds', () => {
    const q = weighted('In the Mozilla paper, how many runs does it take before a trace pays off?')
    const text = 'A loop must run 270 times before the trace pays off.'
    expect(passageEvidence(passage({ text }), q).anchorCoverage).toBe(0)
    const mozilla = q.analysis.terms.find((t) => t.surface === 'Mozilla')?.id as number
    expect(passageEvidence(passage({ text }), { ...q, absent: new Set([mozilla]) }).anchorCoverage).toBe(1)
  })

  it('knows when the question names the passage’s file, extension and all', () => {
    const q = weighted('What does the notes.txt attachment in the message say?')
    expect(passageEvidence(passage({ source: 'email/unicode-rich.eml › notes.txt' }), q).inNamedFile).toBe(true)
    expect(passageEvidence(passage({ source: 'email/unicode-rich.eml' }), q).inNamedFile).toBe(false)
    expect(passageEvidence(passage({ source: 'text/old-notes.txt' }), q).inNamedFile).toBe(false)
  })

  it('knows when the question quotes the title of the passage’s document or of the message it came with', () => {
    const q = weighted("In the 'testing' mail, what was the sender trying to figure out?")
    expect(q.analysis.quoted).toEqual(['testing'])
    expect(passageEvidence(passage({ title: 'testing' }), q).inNamedFile).toBe(true)
    expect(passageEvidence(passage({ title: 'Another PDF', parentTitle: 'testing' }), q).inNamedFile).toBe(true)
    expect(passageEvidence(passage({ title: 'Another PDF', parentTitle: 'a test' }), q).inNamedFile).toBe(false)
  })

  it('knows the kind of document a question means: a Word file, a PDF, a mail and what came with it', () => {
    const word = weighted('In the Word file with the duckling picture, what is the first reminder?')
    expect(passageEvidence(passage({ source: 'docx/word-sample.docx' }), word).ofNamedKind).toBe(true)
    expect(passageEvidence(passage({ source: 'pdf/sample.pdf' }), word).ofNamedKind).toBe(false)
    // A mail carrying a PDF and a picture: the kinds are its attachments, the mail is what is meant.
    const mail = weighted('That sample message carrying both a PDF and a picture: what does its body say?')
    expect(mail.analysis.documentKinds).toEqual(['eml'])
    expect(passageEvidence(passage({ source: 'email/mixed.eml' }), mail).ofNamedKind).toBe(true)
    expect(passageEvidence(passage({ source: 'email/mixed.eml › report.pdf' }), mail).ofNamedKind).toBe(true)
    expect(passageEvidence(passage({ source: 'pdf/freeculture.pdf' }), mail).ofNamedKind).toBe(false)
    expect(passageEvidence(passage({ source: 'pdf/freeculture.pdf' }), weighted('When was the treaty signed?')).ofNamedKind).toBe(false)
  })

  it('takes the first passages of a document for the place a question about its intro points at', () => {
    const q = weighted('Going by the intro of the paper, how many people carry the virus?')
    expect(q.analysis.atStart).toBe(true)
    expect(passageEvidence(passage({ ordinal: 1 }), q).onNamedPage).toBe(true)
    expect(passageEvidence(passage({ ordinal: 12 }), q).onNamedPage).toBe(false)
    const plain = weighted('When does the program start?')
    expect(plain.analysis.atStart).toBe(false)
    expect(passageEvidence(passage({ ordinal: 0 }), plain).onNamedPage).toBe(false)
  })

  it("reads no number in a list item's marker", () => {
    const q = weighted('What is the maximum number of leave hours?')
    const evidence = passageEvidence(passage({ text: 'Invoices must include:\n1. Labor (staff name, hours charged)\n2. Hours of leave: 240' }), q)
    expect(evidence.sentences.map((s) => [s.text, s.typed])).toEqual([
      ['Invoices must include:', false],
      ['1. Labor (staff name, hours charged)', false],
      ['2. Hours of leave: 240', true],
    ])
  })

  it('reads each sentence of a section with its heading', () => {
    const q = weighted('Which linters are recommended for Go?')
    const text = 'Go | Go Meta Linter\nRuby | Hakiri'
    const under = passageEvidence(passage({ text: `Intro line here.\n\n${text}`, headingPath: 'Static analysis › Recommended linters' }), q)
    const bare = passageEvidence(passage({ text: `Intro line here.\n\n${text}` }), q)
    expect(under.sentenceCoverage).toBeGreaterThan(bare.sentenceCoverage)
  })
})
