import { describe, expect, it } from 'vitest'
import { analyzeQuestion } from '../retrieve/question/analyze-question.ts'
import type { RetrievedChunk } from '../retrieve/hybrid-retriever.ts'
import { type WeightedQuestion, passageEvidence } from '../retrieve/passage-evidence.ts'
import { answerExtractively } from './extractive-answerer.ts'
import type { GatedChunk } from './relevance-gate.ts'

function weighted(text: string): WeightedQuestion {
  const analysis = analyzeQuestion(text, null)
  return { analysis, weights: new Map(analysis.terms.map((t) => [t.id, t.factor])), related: new Map() }
}

/** The question weighed as an index would weigh it: these stems are rare there, three times the others' weight. */
function withRareStems(q: WeightedQuestion, stems: readonly string[]): WeightedQuestion {
  const rare = new Set(stems.map((stem) => q.analysis.terms.find((t) => t.stem === stem)?.id))
  return { ...q, weights: new Map([...q.weights].map(([id, w]) => [id, rare.has(id) ? 3 * w : w])) }
}

function passage(id: number, text: string, q: WeightedQuestion, score = 1): GatedChunk {
  const base = { chunkId: id, documentId: `d${id}`, text, contentHash: 'h', page: 3, headingPath: null, opening: '', title: `doc ${id}`, source: `doc-${id}.pdf`, link: null, shared: { by: null, in: null, at: '2026-01-01T00:00:00.000Z' }, score, bm25: 1, cosine: 0 }
  return { ...base, evidence: passageEvidence(base, q), relevance: 0.5 }
}

describe('answerExtractively', () => {
  it('quotes the sentence with the asked-for kind of answer, not the header lines before it', () => {
    const q = weighted('How many tables were consistent?')
    const text = 'From: Yusuke Shinyama Date: 2006-06-01 Subject: tables\n\nWe evaluated 48 randomly chosen tables. Of these, 36 tables were consistent with the annotation. The rest were not.'
    const answer = answerExtractively([passage(1, text, q)], q)
    expect(answer.answer.split('\n')[0]).toContain('36 tables were consistent')
    expect(answer.answer).not.toContain('From:')
    expect(answer.citations[0]?.snippet).toContain('36 tables')
  })

  it('quotes the sentence holding what is asked, not the one repeating the names the whole document is about', () => {
    const q = weighted("Which cartoon are the quotes in Ryan Finnie's test mail from?")
    const text = "Welcome to Ryan Finnie's MIME torture test.\n\nIt supplements the original one.\n\nBy the way, the parts have descriptions containing Futurama quotes."
    const base = { ...passage(1, text, q), title: "Ryan Finnie's MIME Torture Test" }
    const chunk = { ...base, evidence: passageEvidence(base, q) }
    expect(answerExtractively([chunk], q).answer.split('\n')[0]).toContain('Futurama quotes')
  })

  it('credits a name the question gives to the sentence that holds it, not to its neighbour', () => {
    const q = weighted('Which 19th-century scholar thought the goddess was a valkyrie?')
    const beck = (next: string) => passage(1, `Wolfgang Beck analysed her as a subordinate goddess. ${next}`, q).evidence.sentences[0]
    const beside19th = beck('Friedrich Kauffmann classified her in the 19th century.')
    const besideOther = beck('Friedrich Kauffmann classified her in another century.')
    expect(beside19th?.askedCoverage).toBe(besideOther?.askedCoverage)
    // The plain coverage, which the gate reads, still counts the neighbour.
    expect(beside19th?.coverage).toBeGreaterThan(besideOther?.coverage ?? 1)
  })

  it('quotes a sentence that two overlapping passages share once, and never adds header lines to an answer', () => {
    const q = weighted('What protective gear must the crew wear on the rail line?')
    const sentence = 'Personnel shall wear hard hats and safety vests at all times while working on the rail line.'
    const first = passage(1, `Safety matters. ${sentence}`, q, 1)
    const second = passage(2, `${sentence} Report incidents to the manager.`, q, 0.95)
    const answer = answerExtractively([first, second], q).answer
    expect(answer.split('\n').filter((line) => line.includes('hard hats'))).toHaveLength(1)
    const mail = passage(3, 'From: a@b.c Date: 2005-05-10 Subject: rail line crew wear\n\nThe crew must wear hard hats on the rail line.', q)
    expect(answerExtractively([mail], q).answer).not.toContain('From:')
  })

  it('quotes the numbered list item the question names', () => {
    const q = weighted('What is the second step of the setup?')
    const text = 'Setup takes three steps:\n1. Install the app\n2. Sign in with your work account\n3. Invite your team'
    expect(answerExtractively([passage(1, text, q)], q).answer.split('\n')[0]).toContain('2. Sign in with your work account')
  })

  it('opens with the best passage and cites each quoted source once', () => {
    const q = weighted('How much notice must the consultant give to terminate?')
    const best = passage(1, 'The consultant may terminate this agreement by giving at least 120 days advance written notice.', q, 1)
    const other = passage(2, 'Invoices are due within 30 days.', q, 0.4)
    const answer = answerExtractively([best, other], q)
    expect(answer.answer).toMatch(/^> The consultant may terminate .* \[1\]$/m)
    expect(answer.citations.map((c) => c.source)).toEqual(['doc-1.pdf'])
  })

  it('centres the snippet on the quoted sentence so the fact is not cut off', () => {
    const q = weighted('What is the combined single limit for automobile liability?')
    const filler = 'The consultant shall maintain the policies listed in this section at its own expense. '.repeat(6)
    const text = `${filler}Automobile liability insurance shall have a combined single limit of $1,000,000 per occurrence.`
    const answer = answerExtractively([passage(1, text, q)], q)
    expect(answer.citations[0]?.snippet).toContain('$1,000,000')
  })

  it('quotes what follows a sentence announcing it with a colon', () => {
    const q = weighted('What verbatim header text must conforming messages include?')
    const text =
      'This document defines a new header field, "MIME-Version", to declare the version used. Conforming messages MUST include such a header field, with the following verbatim text:\n\nMIME-Version: 1.0\n\nThe presence of this header field is an assertion of conformance.'
    const answer = answerExtractively([passage(1, text, q)], q)
    expect(answer.answer.split('\n')[0]).toContain('following verbatim text:')
    expect(answer.answer.split('\n')[1]).toContain('MIME-Version: 1.0')
  })

  it('joins the next sentence when it gives the figure the first one only leads to (Free Culture, p. 230)', () => {
    // As in the book's index: the question's figures are its rarest words, and weigh most.
    const q = withRareStems(weighted('According to Free Culture, how many of the 10,047 books published in 1930 were still in print in 2000?'), ['10', '047', '1930'])
    const text =
      'In 1930, 10,047 books were published. In 2000, 174 of those books were still in print. Let’s say you were Brewster Kahle, and you wanted to make available to the world in your iArchive project the remaining 9,873. That requires going to a library (these data are not on-line) and paging through tomes of books, cross-checking the titles and authors of the 9,873 books with the copyright registration and renewal records for works published in 1930.'
    const lines = answerExtractively([passage(1, text, q)], q).answer.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('174 of those books')
  })

  it('joins the next sentence when it gives the cause a "why" asks for (the TraceMonkey paper, p. 6)', () => {
    // As in the paper's index: what is asked about is rarer than "trace" and "path".
    const q = withRareStems(weighted("Why didn't the tracing JIT support recording code paths that throw and catch exceptions?"), ['throw', 'catch', 'except'])
    const text =
      '3.3 Blacklisting Sometimes, a program follows a path that cannot be compiled into a trace, usually because of limitations in the implementation. TraceMonkey does not currently support recording throwing and catching of arbitrary exceptions. This design trade off was chosen, because exceptions are usually rare in JavaScript. However, if a program opts to use exceptions intensively, we would suddenly incur a punishing runtime overhead.'
    const lines = answerExtractively([passage(1, text, q)], q).answer.split('\n')
    expect(lines[0]).toContain('does not currently support recording throwing')
    expect(lines[1]).toContain('exceptions are usually rare')
  })

  it('reads a table row with its header row: the cell answers what its column is about', () => {
    const q = weighted('Which tool does the handbook give for Python code security analysis?')
    const text = 'Language | Dependency analysis | Code security analysis\nGo | Snyk | Go Meta Linter\nPython | GitHub | Bandit\nRuby | GitHub | Code Climate'
    const answer = answerExtractively([passage(1, text, q)], q)
    expect(answer.answer.split('\n')[0]).toContain('Python | GitHub | Bandit')
  })
})
