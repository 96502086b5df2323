import { describe, expect, it } from 'vitest'
import { answerTypeOf, figuresIn, mentionsNewEntity, mentionsNewValue, mentionsType } from './answer-type.ts'

describe('answerTypeOf', () => {
  it.each([
    ['What is the email address of the contract manager?', 'email'],
    ['What US dial-in number can I use to join the call?', 'phone'],
    ['What share of the vehicles had oxygen on board?', 'percent'],
    ['How much did the freshman end up handing the record industry?', 'money'],
    ['How quickly do we have to pay our share of a claim?', 'duration'],
    ['What squad number did he wear?', 'number'],
    ['How much paid time can I get to plan and go to the service?', 'duration'],
    ['What did the HIV drugs cost per patient per year?', 'money'],
    ['What fine did the telecom giant end up paying?', 'money'],
    ['What per-copy royalty did the statutory license set?', 'money'],
    ['Which network ended up taking the show?', 'named'],
    ['What profit margin did the Europe region make?', 'percent'],
    ['What daily ribavirin dose did patients receive?', 'number'],
    ['How much funding did the service get when it launched?', 'money'],
    ["What's the top payout of the bug bounty program?", 'money'],
    ['At which Internal Revenue Service Center do individuals file?', 'entity'],
    ['How many iterations would be strange?', 'number'],
    ['When was the invoice due?', 'date'],
    ['Whose lectures are the notes written up from?', 'person'],
    ['Where do I send a phishing message?', 'place'],
    ['Can I get time off to go vote?', 'yesno'],
    ['Which tool is recommended for Python?', 'entity'],
    ['On what machine were the experiments performed?', 'entity'],
    ['What does the notes attachment say?', 'other'],
    ['What is a trace tree?', 'other'],
    ["In the RFC's sample messages, who's the assistant that sends the note?", 'person'],
    ["What's the youngest age the services are meant for?", 'number'],
    // Notice is a time, whatever it is called or whoever owes it.
    ['How much warning does GitHub promise before big changes?', 'duration'],
    ['If we want to walk away early, how much heads-up do we owe them?', 'duration'],
    ['How far in advance must I book?', 'duration'],
    // A measure, an extreme, a figure in a unit.
    ['How wide can a line be in that encoding?', 'number'],
    ["What's the absolute longest a single line of an email is allowed to be?", 'number'],
    ["What's the maximum a colleague can donate?", 'number'],
    ['What monthly bandwidth cap in gigabytes do the policies set?', 'number'],
    // A superlative before a noun names a thing; "most" and "latest" say nothing of a number.
    ['What is the highest mountain in the book?', 'other'],
    ['What is the most important thing?', 'other'],
    // A mail mentioned is not an address asked for.
    ['In that dodgy email, how much did they ask for?', 'number'],
    ['Which e-mail should I report phishing to?', 'email'],
    ["What's his email?", 'email'],
    ['That Japanese mail from a docomo phone address: what does its body say the message is for?', 'other'],
    ['What mobile number is in the signature of the developer?', 'phone'],
    ['Which hotline should I ring?', 'phone'],
    ['What does the privacy statement say about the website?', 'other'],
    ['Which web site hosts the handbook?', 'url'],
    // A sum asked for by what it is: a fee, damages, a deposit.
    ['What fee does the Copyright Office charge to file a designated agent?', 'money'],
    ['What liquidated damages per day does the agreement charge for late deliverables?', 'money'],
    ['What are the names of his twin daughters?', 'person'],
    // A kind of thing answered by its name.
    ['Which secondary school in Barmouth did Iwan Roberts attend?', 'named'],
    ['Which company does GSA contract for penetration testing?', 'named'],
    ['Which tool is recommended for Python?', 'entity'],
  ])('%s → %s', (question, type) => {
    expect(answerTypeOf(question)).toBe(type)
  })
})

describe('mentionsType', () => {
  it('finds durations written out as contracts write them', () => {
    expect(mentionsType('within five (5) work days of the claim', 'duration')).toBe(true)
    expect(mentionsType('at least one hundred and twenty (120) days advance written notice', 'duration')).toBe(true)
    expect(mentionsType('the consultant shall notify the commission', 'duration')).toBe(false)
  })

  it('takes a name the question does not already give as the answer to "which school"', () => {
    const asked = new Set(['which', 'secondary', 'school', 'in', 'barmouth', 'did', 'iwan', 'roberts', 'attend'])
    expect(mentionsNewEntity('Roberts grew up in Barmouth, where he played for the town team.', asked)).toBe(false)
    expect(mentionsNewEntity('Roberts attended Ysgol Ardudwy in Harlech.', asked)).toBe(true)
  })

  it('answers "when" with a time relative to an event, not with any duration', () => {
    expect(mentionsType('Award leave expires one year after it is issued.', 'date')).toBe(true)
    expect(mentionsType('The invoice is due within 60 days of acceptance.', 'date')).toBe(true)
    expect(mentionsType('The review takes 2 weeks.', 'date')).toBe(false)
  })

  it('takes phone numbers by their grouping, not any run of digits', () => {
    expect(mentionsType('call 1-800-829-1040 for help', 'phone')).toBe(true)
    expect(mentionsType('dial +372 5555 1234', 'phone')).toBe(true)
    expect(mentionsType('DTSTART:20240411T080000Z', 'phone')).toBe(false)
    expect(mentionsType('Form 1040NR, line 72', 'phone')).toBe(false)
  })

  it('does not take a figure the question states as its answer (Free Culture, p. 230)', () => {
    const given = figuresIn('How many of the 10,047 books published in 1930 were still in print in 2000?')
    expect([...given]).toEqual(['10047', '1930', '2000'])
    expect(mentionsNewValue('In 1930, 10,047 books were published.', 'number', given)).toBe(false)
    expect(mentionsNewValue('In 2000, 174 of those books were still in print.', 'number', given)).toBe(true)
    expect(mentionsNewValue('In 1930, 10,047 books were published.', 'number', new Set())).toBe(true)
  })

  it('answers "why" with a sentence giving a cause (the TraceMonkey paper, p. 6)', () => {
    expect(answerTypeOf("Why didn't the team support recording code paths that throw errors?")).toBe('reason')
    expect(answerTypeOf('What was the reason for the blacklisting?')).toBe('reason')
    expect(mentionsType('This design trade off was chosen, because exceptions are usually rare in JavaScript.', 'reason')).toBe(true)
    expect(mentionsType('TraceMonkey does not currently support recording throwing and catching of arbitrary exceptions.', 'reason')).toBe(false)
  })

  it('answers "in what year" with a year, and "which version" with a version number', () => {
    expect(answerTypeOf('In what year did Friedrich Kauffmann publish his classification?')).toBe('year')
    expect(answerTypeOf('Which Postfix version was the mail server running?')).toBe('version')
    expect(answerTypeOf('In which release of System V did cat gain its -s option?')).toBe('version')
    // Sinthgunt (Wikipedia): a century is a time, not a year.
    expect(mentionsType('Friedrich Kauffmann classified Sinhtgunt as a valkyrie in the 19th century', 'year')).toBe(false)
    expect(mentionsType('The 1909 Copyright Act', 'year')).toBe(true)
    expect(mentionsType('ubiquity 1.12.11 and Postfix crashed', 'version')).toBe(true)
    expect(mentionsType('In System V, there are similar options', 'version')).toBe(false)
  })

  it('does not take a reference or a pronoun for a quantity', () => {
    // The Shinyama paper, RFC 2045.
    expect(mentionsType('We compute the similarity between each basic cluster pair, as seen in Figure 6.', 'number')).toBe(false)
    expect(mentionsType('the contents of either a message or one of the parts in the body of a multipart entity', 'number')).toBe(false)
    expect(mentionsType('as described in [11]', 'number')).toBe(false)
    expect(mentionsType('Figure 6 shows 81 traces', 'number')).toBe(true)
  })

  it('knows money, percentages, dates and e-mail addresses', () => {
    expect(mentionsType('the Canaries paid £850,000', 'money')).toBe(true)
    expect(mentionsType('just 24 percent of ambulances', 'percent')).toBe(true)
    expect(mentionsType('January 3, 2024', 'date')).toBe(true)
    expect(mentionsType('forward it to phishing@irs.gov', 'email')).toBe(true)
    expect(mentionsType('no address here', 'email')).toBe(false)
  })
})

describe('things of a kind', () => {
  it('are named: a product, an all-capitals name, a name or something quoted', () => {
    expect(mentionsType('All experiments ran on a MacBook Pro.', 'entity')).toBe(true)
    expect(mentionsType('we adapted jsfunfuzz, renamed JSFUNFUZZ here', 'entity')).toBe(true)
    expect(mentionsType('the header reads "MIME-Version" exactly', 'entity')).toBe(true)
    expect(mentionsType('the tests ran on a laptop with two cores.', 'entity')).toBe(false)
  })
})

describe('dates and times', () => {
  it('answers "when" with a weekday, a time or a recurrence too', () => {
    expect(mentionsType('The on-call rotation changes every Tuesday at ten.', 'date')).toBe(true)
    expect(mentionsType('Standup is at 9:30 am.', 'date')).toBe(true)
    expect(mentionsType('The consultant shall keep the records.', 'date')).toBe(false)
  })
})
