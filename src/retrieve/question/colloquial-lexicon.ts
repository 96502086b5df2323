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
  'pull the plug': ['terminate', 'cancel', 'termination'],
  'cut ties': ['terminate', 'termination'],
  'part ways': ['terminate', 'separation'],
  'put it right': ['cure', 'remedy', 'correct'],
  'make it right': ['cure', 'remedy', 'correct'],
  'fix it': ['cure', 'remedy', 'correct'],
  'make good': ['cure', 'remedy', 'reimburse'],
  'mess up': ['error', 'mistake'],
  'screw up': ['error', 'mistake', 'breach'],
  'slip up': ['error', 'mistake'],
  'broke the contract': ['breach', 'default'],
  'break the contract': ['breach', 'default'],
  'break the rules': ['violate', 'violation'],
  'breaking the rules': ['violate', 'violation'],
  'get in trouble': ['penalty', 'violation', 'liable'],
  deal: ['contract', 'agreement'],
  gig: ['job', 'contract', 'engagement'],
  // Money
  paycheck: ['pay', 'salary', 'wages'],
  'get paid': ['payment', 'compensation'],
  bill: ['invoice', 'charge'],
  'out of pocket': ['expense', 'deductible'],
  cost: ['fee', 'price', 'charge'],
  'pay back': ['reimburse', 'repay', 'refund'],
  'write off': ['deduct', 'deduction'],
  'knock off': ['deduct', 'deduction'],
  'claim back': ['refund', 'reimburse', 'deduct'],
  'do the math': ['compute', 'calculate', 'figure'],
  'do the maths': ['compute', 'calculate', 'figure'],
  ballpark: ['estimate', 'approximately'],
  roughly: ['approximately', 'about'],
  payout: ['payment', 'reward', 'award'],
  bonus: ['award', 'incentive'],
  perks: ['benefits'],
  raise: ['increase', 'salary'],
  casino: ['gambling', 'wagering'],
  casinos: ['gambling', 'wagering'],
  betting: ['gambling', 'wagering'],
  'tax agency': ['irs'],
  taxman: ['irs', 'tax'],
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
  newbie: ['new', 'employee'],
  'new hire': ['new', 'employee'],
  lawyer: ['attorney', 'counsel'],
  lawyers: ['attorneys', 'counsel'],
  // Life events
  kidney: ['organ', 'donor'],
  'passed away': ['death', 'died', 'deceased'],
  'new baby': ['birth', 'parental'],
  baby: ['child', 'birth', 'parental'],
  pregnant: ['pregnancy', 'maternity'],
  // Law and rules
  sue: ['lawsuit', 'suit', 'litigation'],
  'take to court': ['sue', 'lawsuit', 'litigation'],
  'go to court': ['sue', 'lawsuit', 'litigation'],
  banned: ['prohibited', 'forbidden'],
  ban: ['prohibit', 'prohibited'],
  'not allowed': ['prohibited', 'forbidden'],
  illegal: ['unlawful', 'prohibited'],
  'rip off': ['infringe', 'copy', 'piracy'],
  pirate: ['piracy', 'infringement'],
  pirated: ['piracy', 'infringing'],
  // Mail and messages
  dodgy: ['suspicious', 'fraudulent', 'unsolicited'],
  scam: ['fraud', 'phishing', 'fraudulent'],
  fake: ['fraudulent', 'spoofed', 'counterfeit'],
  spam: ['unsolicited', 'junk'],
  email: ['message', 'mail'],
  bounced: ['undeliverable', 'delivery', 'failed'],
  bounce: ['undeliverable', 'delivery', 'failure'],
  bcc: ['blind', 'copy'],
  cc: ['copy', 'recipient'],
  inbox: ['mailbox'],
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
  'go live': ['launch', 'production', 'deploy'],
  'spin up': ['deploy', 'launch'],
  prod: ['production'],
  'sign up': ['register', 'registration'],
  wipe: ['delete', 'erase'],
  scrape: ['scraping', 'crawl'],
  scraper: ['scraping', 'crawler'],
  bot: ['automated'],
  bots: ['automated'],
  'pen test': ['penetration'],
  pentest: ['penetration'],
  'bug bounty': ['bounty', 'reward'],
  'white hat': ['security', 'research'],
  // Health
  doctor: ['physician', 'medical'],
  doctors: ['physicians', 'medical'],
  surgery: ['medical', 'operation', 'procedure'],
  // Time
  'ahead of time': ['advance', 'prior'],
  beforehand: ['advance', 'prior'],
  'up front': ['advance', 'prior'],
  yearly: ['annual', 'annually'],
  fortnight: ['biweekly'],
  // Summaries
  rundown: ['summary', 'overview'],
  gist: ['summary'],
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
