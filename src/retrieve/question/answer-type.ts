/**
 * What kind of thing a question asks for, read from its wording, and whether a
 * sentence contains something of that kind. Used to rank passages, to gate
 * ("a phone number was asked for and no passage has one") and to choose the
 * sentence to quote.
 */
export type AnswerType =
  | 'email'
  | 'phone'
  | 'url'
  | 'percent'
  | 'money'
  | 'duration'
  | 'number'
  | 'date'
  | 'year'
  | 'version'
  | 'person'
  | 'place'
  | 'entity'
  | 'named'
  | 'yesno'
  | 'reason'
  | 'other'

/** Types whose absence from every passage means the documents do not hold the answer. */
export const checkableTypes: ReadonlySet<AnswerType> = new Set(['email', 'phone', 'url', 'percent', 'money', 'duration', 'number', 'date', 'year', 'version', 'named'])

/**
 * Types a sentence is preferred for holding: the checkable ones, and "which
 * tool / what machine", answered by naming one ("Bandit", "a MacBook Pro").
 * Not checkable: "what protective gear" is answered by "hard hats", no name.
 */
export const rewardedTypes: ReadonlySet<AnswerType> = new Set([...checkableTypes, 'entity'])

/**
 * Types the quoted sentence is chosen for holding: the rewarded ones, and "why", answered by a
 * sentence giving a cause ("because exceptions are rare"). A cause says nothing of which passage
 * answers (many sentences give one), so it does not weigh in ranking.
 */
export const quotedTypes: ReadonlySet<AnswerType> = new Set([...rewardedTypes, 'reason'])

/** Verbs that follow "what" when it asks about an action or a definition, not for a thing of a kind. */
export const auxiliaries = 'is|are|was|were|do|does|did|has|have|had|can|could|should|would|will|must|may|might|shall'

/** Units a measure is asked in ("the cap in gigabytes", "in characters"). */
export const measureUnits =
  'bytes|kilobytes|megabytes|gigabytes|terabytes|kb|mb|gb|tb|characters|octets|pages|words|lines|miles|kilometers|kilometres|km|meters|metres|feet|inches|pounds|kilograms|kg'

const rules: Array<[AnswerType, RegExp]> = [
  // A cause is asked for, whatever else the question names ("why did they pay $5?").
  ['reason', /^why\b|\bwhy (is|are|was|were|do|does|did|would|should|has|have|had|can|could|must|not)\b|\bwhat (is|was|are|were) the reasons?\b|\bfor what reasons?\b|\bhow come\b/],
  // An address is asked for ("which e-mail do I write to"), not anything about a mail ("a line of an email").
  ['email', /\be-?mail address(es)?\b|\b(what|which)( [\w'’-]+){0,2} e-?mail\b(?! (message|thread|chain|header|body))|\bwhat('s| is) (his|her|their|the) e-?mail\b/],
  // Before "how much … owe": notice is a time, whatever the verb.
  ['duration', /\bhow much( paid| unpaid| extra| more| total)? (notice|time|warning|heads[- ]?up|lead time|advance|leave|time off|vacation)\b/],
  // A number to call is asked for ("what US dial-in number", "the mobile number in his signature"), not anything about phones ("a mail from a docomo phone address").
  ['phone', /\b(phone|telephone|dial-?in|fax|hotline|mobile|cell|cellphone|contact) (number|no\.?)s?\b|\b(what|which)( [\w'’-]+){0,2} (phone|telephone|dial-?in|fax|hotline)\b(?! (address|company|companies|call|calls|maker|makers|model|models))|\bwhat('s| is) (his|her|their|the) (phone|telephone|fax|mobile)\b|\bnumber to (call|dial|ring)\b/],
  // An address to open is asked for, not anything said about a web site.
  ['url', /\burls?\b|\bweb ?(page )?address\b|\blink to\b|\b(what|which)( [\w'’-]+){0,2} (web ?site|link)\b|\bwhat('s| is) the (web ?site|link)\b/],
  ['percent', /\b(what|which)( [\w'’-]+){0,2} (share|percentage|percent|proportion|fraction|margin)\b|\bwhat per ?cent\b|\bhow many percent\b/],
  [
    'money',
    /\bhow much\b.*\b(cost|costs|pay|paid|pays|fee|fees|price|charge|charged|spend|spent|worth|owe|hand|handing|handed|fine|salary|money|refund|funding|funded|budget|grant|revenue|income|profit|payout|raise|raised)\b|\bwhat (is|was|'s)? ?the( \w+)? (fee|price|cost|fine|charge|salary|amount|payout|bounty|budget|penalty|royalty)\b|\bhow much money\b|\bwhat (did|does|do|would|will)\b.*\bcost\b|\b(what|which)( [\w'’-]+){0,2} (fee|fees|price|prices|cost|costs|charge|charges|salary|wage|wages|rent|deposit|damages|refund|premium|reward|fine|fines|penalty|royalty|royalties|payout|bounty|budget|funding)\b(?! (is|are|was|were) (charged|paid|set|listed|given|required) for\b)/,
  ],
  // Notice is asked for in many words: "how much warning", "how much heads-up", "how far in advance".
  ['duration', /\bhow (long|soon|quickly|fast)\b|\bhow far (in )?(advance|ahead)\b|\bhow many (seconds|minutes|hours|days|weeks|months|years)\b|\bwithin how\b|\bwhat notice\b/],
  [
    'number',
    // A measure ("how wide"), an extreme ("the longest a line may be"), or a figure in a unit ("the cap in gigabytes").
    new RegExp(String.raw`\bhow (many|much|old|large|big|far|often|high|tall|wide|deep|heavy|small|short)\b|\b(what|which)( [\w'’-]+){0,3} (number|amount|quantity|age|size|rate|score|total|figure|count|length|width|limit|cap|dose|dosage|temperature|speedup|value|threshold|weight|height|distance|speed|population|capacity)\b|\b(maximum|minimum|mean|average|median) (number|age|amount|value|length|size)\b|\bwhat (is|was|are|were) the( \w+)? (longest|shortest|largest|smallest|biggest|highest|lowest|fewest|maximum|minimum|oldest|youngest)(?= (a|an|one|that|it|you|we|i|they|he|she|possible|allowed|permitted|anyone|someone)\b|[?.!,]|$)|\bin (${measureUnits})\b`),
  ],
  // "In what year": a year, not "in the 19th century" nor "in February".
  ['year', /\b(what|which) year\b|\byear (was|were|did|does|is)\b/],
  // "Which Postfix version", "in which release": a version number, not the product's name.
  ['version', /\b(what|which)( [\w'’.-]+){0,3} (version|release)\b/],
  ['date', /^(when)\b|\bwhat (date|day|month|time)\b|\bwhen (was|were|did|does|is|will)\b|\bon what date\b/],
  ['person', /^(who|whom|whose)\b|\b(who|whose) (is|was|were|are|did|does)\b|\bwhat('s| is| was) the name of\b|\bwhat (are|were) the names of\b|\bwhat (is|was) (his|her|their) name\b|\bwhat (are|were) (his|her|their) names\b/],
  ['place', /^where\b|\bwhere (do|does|did|is|are|was|were|should|can|must)\b/],
]

// "which tool is…", "on what machine were…": a thing of a kind is asked for (not "what is…", "what does…").
const whichKind = new RegExp(`\\b(which|what) (?!(${auxiliaries}|if|about|else|happens|happened)\\b)[a-z0-9]`)

// Kinds of thing answered by a name: "which *company*", "what secondary *school*".
const namedKinds =
  'company|companies|firm|school|university|college|hospital|library|museum|newspaper|newspapers|magazine|publisher|agency|organization|organisation|club|city|town|country|court|church|bank|airline|studio|label|band|institute|foundation|charity|committee|ministry|vendor|contractor|brand|network|broadcaster|station'
const namedKind = new RegExp(`\\b(which|what)( [\\w'’-]+){0,3} (${namedKinds})\\b`)

const yesNoStart = /^(is|are|was|were|do|does|did|can|could|may|might|should|will|would|has|have|had|am|must)\b/

export function answerTypeOf(question: string): AnswerType {
  // "who's", "what's": the rules read "who is", "what is".
  const q = question
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\b(who|what|where|when|how|which)'s\b/g, '$1 is')
  for (const [type, pattern] of rules) if (pattern.test(q)) return type
  if (namedKind.test(q)) return 'named'
  if (whichKind.test(q)) return 'entity'
  if (yesNoStart.test(q)) return 'yesno'
  return 'other'
}

/** Numbers written as words. */
export const numberWords =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|single|double|twice|once'
const notQuantities = /\b(figure|fig\.|table|section|chapter|appendix|equation|eq\.|step)\s*\d+(\.\d+)*|\[\d+(\s*[,–-]\s*\d+)*\]|\bone (of|another|or more)\b|\bno one\b/gi
const numberPattern = new RegExp(`\\d|\\b(${numberWords})\\b`, 'i')
const unit = '(second|minute|hour|day|week|month|year|business day|work day|working day|calendar day)s?'
// "five (5) work days", "a year", "120 days".
const quantity = `(\\d+|\\b(${numberWords}|a|an|one)\\b)[\\s-]*(\\(\\d+\\)\\s*)?(business |work |working |calendar )?${unit}\\b`
const durationPattern = new RegExp(`${quantity}|\\b(annual|annually|daily|weekly|monthly|yearly|immediately|promptly)\\b`, 'i')
const monthNames = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec'
// Month names alone, without "may" (the verb) and the abbreviations.
const fullMonths = 'january|february|march|april|june|july|august|september|october|november|december'
// "When" is answered by a date, but also by a weekday, a time, a season or a recurrence.
const timeWords =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|weekend|noon|midnight|morning|afternoon|evening|night|spring|summer|autumn|fall|winter|quarter|daily|weekly|monthly|yearly|annually|every|today|tomorrow|yesterday|century'
const datePattern = new RegExp(
  `\\b(${monthNames})\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+(${monthNames})\\b|\\b(${fullMonths}|${timeWords})\\b|\\b(1[5-9]|20)\\d{2}\\b|\\b\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}(:\\d{2})?\\s?(am|pm|a\\.m\\.|p\\.m\\.)|\\b\\d{1,2}:\\d{2}\\b`,
  'i',
)
// A time relative to an event: "one year after it is issued", "within 60 days of acceptance".
const relativeTimePattern = new RegExp(`${quantity}\\s+(after|before|from|following|of|prior to|since)\\b|\\b(within|after|before)\\s+${quantity}`, 'i')
// Words that give a cause; not "since" (also a time) nor "to avoid…" (a purpose, in any sentence).
const reasonPattern = /\b(because|due to|owing to|as a result|the reasons? (is|was|being|for|why)|for (this|that|these|those) reasons?|therefore|hence|so that)\b/i
const yearPattern = /\b(1[0-9]|20)\d{2}s?\b/
// "2.6.1", "9.04", "version 5", "Release 4", "v3".
const versionPattern = /\b\d+\.\d+(\.\d+)*\b|\b(version|release|v|r)\s?\d+\b/i
const moneyPattern = /[$€£¥]\s?\d|\d\s?(dollars?|euros?|pounds?|usd|eur|gbp|cents?)\b|\b(dollars?|euros?)\b/i
const percentPattern = /\d\s?%|\bper ?cent\b|\bpercentage\b/i
const emailPattern = /[\w.+-]+@[\w-]+(\.[\w-]+)+/
// Grouped like a phone number: +1 555 123 4567, (831) 460-3200, 1-800-829-1040, 030 12345678.
const phonePattern = /\+\d{1,3}[\s.-]?\(?\d{1,4}\)?[\s.-]?\d{2,4}[\s.-]?\d{2,4}|\(\d{2,4}\)\s?\d{3}[\s.-]?\d{3,4}|\b\d{3}[.-]\d{3}[.-]\d{4}\b|\b1-8\d\d-[\dA-Z]{3}-[\dA-Z]{4}\b/
const urlPattern = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[\w-]+\.(com|org|net|gov|edu|io)\b/i
// Two capitalised words in a row (a name), or a capitalised word after something lower-case.
const namePattern = /\b\p{Lu}[\p{Ll}'’-]+(\s+(van|von|de|der|da|del|le|la)?\s*\p{Lu}[\p{Ll}'’.-]+)+|(?<=[\p{Ll},;:]\s+)\p{Lu}[\p{Ll}'’-]{2,}/u

const detectors: Partial<Record<AnswerType, (text: string) => boolean>> = {
  email: (text) => emailPattern.test(text),
  phone: (text) => phonePattern.test(text),
  url: (text) => urlPattern.test(text),
  percent: (text) => percentPattern.test(text),
  money: (text) => moneyPattern.test(text),
  duration: (text) => durationPattern.test(text),
  // "Figure 6", "Table 2", "[11]", "one of the parts": a reference or a pronoun, not a quantity.
  number: (text) => numberPattern.test(text.replace(notQuantities, ' ')),
  // "When does it expire?" — "one year after it is issued", "within 60 days of acceptance": a time relative to an event.
  date: (text) => datePattern.test(text) || relativeTimePattern.test(text),
  year: (text) => yearPattern.test(text),
  version: (text) => versionPattern.test(text),
  // A name, or an address to write to.
  person: (text) => namePattern.test(text) || emailPattern.test(text),
  place: (text) => namePattern.test(text) || emailPattern.test(text),
  // A name, a product (MacBook), an all-capitals name (JSFUNFUZZ) or something quoted.
  named: (text) => namePattern.test(text),
  // A cause given: "because exceptions are rare", "due to…", "so that…".
  reason: (text) => reasonPattern.test(text),
  entity: (text) => namePattern.test(text) || /\b\p{Ll}*\p{Lu}\p{Ll}+\p{Lu}|\b\p{Lu}{3,}\d*\b|["“«][^"”»]{2,60}["”»]/u.test(text),
}

/** Does the text contain something of the asked-for type? Types with no detector always match. */
export function mentionsType(text: string, type: AnswerType): boolean {
  return detectors[type]?.(text) ?? true
}

// Figures as written: "10,047", "1930", "8.65".
const figures = /\d(?:[\d,.]*\d)?/g
const figureValue = (written: string) => written.replace(/,/g, '')

/** The figures a question states ("how many of the 10,047 books published in 1930…"). */
export function figuresIn(question: string): ReadonlySet<string> {
  return new Set([...question.matchAll(figures)].map((m) => figureValue(m[0])))
}

/**
 * Does the text hold a value of the asked-for type besides those the question already states?
 * "In 1930, 10,047 books were published" restates the question; "In 2000, 174 of those books were
 * still in print" answers it. Names are left to the type's own check.
 */
export function mentionsNewValue(text: string, type: AnswerType, given: ReadonlySet<string>): boolean {
  const typed = mentionsType(text, type)
  if (!typed || given.size === 0) return typed
  return mentionsType(
    text.replace(figures, (written) => (given.has(figureValue(written)) ? ' ' : written)),
    type,
  )
}

const entityNames = /\b\p{Lu}[\p{Ll}'’.-]*(?:\s+(?:of|the|de|van|von|for|and)?\s*\p{Lu}[\p{Ll}'’.-]*)*|\b\p{Ll}*\p{Lu}\p{Ll}+\p{Lu}\w*|\b\p{Lu}{2,}\d*\b|["“«][^"”»]{2,60}["”»]/gu

/**
 * Does the text name something the question does not already name? "Which secondary school did he
 * attend?" is not answered by a sentence naming only him and his town.
 */
export function mentionsNewEntity(text: string, questionWords: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(entityNames)) {
    const words = match[0].replace(/["“”«»]/g, '').split(/\s+/).map((w) => w.replace(/['’]s$|[.,'’-]+$/u, '').toLowerCase()).filter((w) => w.length > 1)
    if (words.some((w) => !questionWords.has(w) && !entityStop.has(w))) return true
  }
  return false
}

// Capitalised because they open a sentence, not because they name anything.
const entityStop = new Set('the a an this that these those it its in on at for and but or if when where which who what how he she they we you i our their his her there here as by from to of with after before during while however also some many most each every all no not one two'.split(' '))

