import type { Lexicon, RelatedWord } from './wordnet-lexicon.ts'

/**
 * How colleagues say it in chat → the words policies, contracts, handbooks and
 * technical documents use for it. WordNet knows the dictionary's senses but
 * not the office's: "heads-up" is a kind of warning there, never "notice";
 * "walk away" is "leave", never "terminate"; "kid" is a goat before a child.
 * Keys are lower-case words or two-word expressions (hyphens as spaces); the
 * words they point to are single words, searched as synonyms.
 */
const chatToDocument: Record<string, string[]> = {
  // Notice, leave and time
  'heads up': ['notice', 'warning', 'notify'],
  warning: ['notice', 'notify'],
  warn: ['notify', 'notice'],
  'time off': ['leave', 'absence'],
  'day off': ['leave', 'absence'],
  'days off': ['leave', 'absence'],
  vacation: ['leave', 'annual'],
  'sick day': ['sick', 'leave'],
  'sick days': ['sick', 'leave'],
  asap: ['immediately', 'promptly'],
  deadline: ['due', 'within'],
  'build up': ['accrue', 'accumulate', 'earn'],
  'rack up': ['accrue', 'accumulate'],
  big: ['major', 'significant', 'material'],
  // Ending an agreement or a job
  'walk away': ['terminate', 'termination', 'withdraw'],
  'back out': ['withdraw', 'terminate', 'cancel'],
  'pull out': ['withdraw', 'terminate'],
  'call off': ['cancel', 'terminate'],
  bail: ['withdraw', 'terminate'],
  quit: ['resign', 'terminate', 'termination'],
  fire: ['dismiss', 'terminate', 'termination'],
  'let go': ['dismiss', 'terminate'],
  'sign off': ['approve', 'approval'],
  okay: ['approve', 'approval'],
  deal: ['contract', 'agreement'],
  gig: ['job', 'contract', 'engagement'],
  // Money
  paycheck: ['pay', 'salary', 'wages'],
  'get paid': ['payment', 'compensation'],
  bill: ['invoice', 'charge'],
  'out of pocket': ['expense', 'deductible'],
  cost: ['fee', 'price', 'charge'],
  'pay back': ['reimburse', 'repay', 'refund'],
  // People at work and at home
  boss: ['supervisor', 'manager'],
  coworker: ['colleague', 'employee'],
  coworkers: ['colleagues', 'employees'],
  crew: ['personnel', 'staff', 'employees', 'workers'],
  client: ['customer'],
  kid: ['child', 'minor'],
  kids: ['children', 'minors'],
  teen: ['minor', 'teenager'],
  dad: ['father', 'parent'],
  mom: ['mother', 'parent'],
  mum: ['mother', 'parent'],
  husband: ['spouse'],
  wife: ['spouse'],
  // Law
  sue: ['lawsuit', 'suit', 'litigation'],
  // Mail and messages
  dodgy: ['suspicious', 'fraudulent', 'unsolicited'],
  scam: ['fraud', 'phishing', 'fraudulent'],
  fake: ['fraudulent', 'spoofed', 'counterfeit'],
  spam: ['unsolicited', 'junk'],
  email: ['message', 'mail'],
  // Software and security
  bug: ['defect', 'error', 'flaw', 'fault'],
  bugs: ['defects', 'errors', 'flaws', 'faults'],
  crash: ['failure', 'error', 'fault'],
  hack: ['attack', 'breach', 'intrusion'],
  hacker: ['attacker', 'intruder'],
  login: ['authentication', 'credentials'],
  repo: ['repository'],
  repos: ['repositories'],
  app: ['application'],
  config: ['configuration'],
  settings: ['configuration', 'options'],
  docs: ['documentation'],
  // Health
  doctor: ['physician', 'medical'],
  doctors: ['physicians', 'medical'],
  surgery: ['medical', 'operation', 'procedure'],
}

/** The office's words for chat words, as a Lexicon: put it next to WordNet with `combineLexicons`. */
export function createColloquialLexicon(table: Readonly<Record<string, readonly string[]>> = chatToDocument): Lexicon {
  const entries = new Map(Object.entries(table).map(([key, words]) => [key, words.map((text): RelatedWord => ({ text, relation: 'synonym' }))]))
  return {
    related: (word) => entries.get(word.toLowerCase().replace(/-/g, ' ').trim()) ?? [],
    close: () => {},
  }
}

/** Several lexicons as one: each word's related words from all of them, the first lexicon's first. */
export function combineLexicons(...lexicons: readonly Lexicon[]): Lexicon {
  return {
    related: (word) => lexicons.flatMap((lexicon) => lexicon.related(word)),
    close: () => {
      for (const lexicon of lexicons) lexicon.close()
    },
  }
}
